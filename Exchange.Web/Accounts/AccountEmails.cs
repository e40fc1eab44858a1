using System.Text;
using System.Text.Encodings.Web;
using Exchange.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Exchange.Web.Accounts;

/// <summary>
/// The links the account pages send by email: confirm an account, confirm a new address, reset a
/// password. Each carries a single-purpose token Identity ties to the user's security stamp, and
/// goes out through the Identity UI's <see cref="IEmailSender"/> (the package's no-op until the
/// exchange sends mail), never onto a page.
/// </summary>
public sealed class AccountEmails(UserManager<ExchangeUser> users, IEmailSender sender)
{
    public async Task SendAccountConfirmationAsync(ExchangeUser user, IUrlHelper url, string scheme)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = url.Page("/Account/ConfirmEmail", null, new { area = "Identity", userId = user.Id, code }, scheme)!;
        await SendAsync(user.Email!, "Confirm your email", "confirm your account", link);
    }

    public async Task SendEmailChangeConfirmationAsync(ExchangeUser user, string newEmail, IUrlHelper url, string scheme)
    {
        var code = Encode(await users.GenerateChangeEmailTokenAsync(user, newEmail));
        var link = url.Page("/Account/ConfirmEmailChange", null, new { area = "Identity", userId = user.Id, email = newEmail, code }, scheme)!;
        await SendAsync(newEmail, "Confirm your new email", "make this your exchange account's email", link);
    }

    public async Task SendPasswordResetAsync(ExchangeUser user, IUrlHelper url, string scheme)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = url.Page("/Account/ResetPassword", null, new { area = "Identity", code }, scheme)!;
        await SendAsync(user.Email!, "Reset your password", "choose a new password", link);
    }

    /// <summary>The token a link carried, or null when the link was cut or altered.</summary>
    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
            return null;
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    private Task SendAsync(string to, string subject, string purpose, string link) =>
        sender.SendEmailAsync(to, subject, $"Please <a href='{HtmlEncoder.Default.Encode(link)}'>follow this link</a> to {purpose}.");
}
