using System.Text;
using Exchange.Core.Accounts;
using Exchange.Core.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Exchange.Web.Accounts;

/// <summary>
/// The links the account pages send by email: confirm an account, confirm a new address, reset a
/// password. Each carries a single-purpose token Identity ties to the user's security stamp, and
/// goes out through the email outbox (<see cref="EmailOutbox"/>), never onto a page. Outside
/// Development every link starts with <c>PublicUrl</c>, never with the Host a request named; in
/// Development it follows the request.
/// </summary>
public sealed class AccountEmails(UserManager<ExchangeUser> users, EmailOutbox outbox, EmailTemplates templates, IOptions<EmailOptions> options, IHostEnvironment environment)
{
    private const string Ignore = "If you did not ask for this, ignore this mail: nothing changes.";

    public async Task SendAccountConfirmationAsync(ExchangeUser user, IUrlHelper url, string scheme)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = Link(url, "/Account/ConfirmEmail", new { area = "Identity", userId = user.Id, code }, scheme);
        await outbox.QueueAsync(templates.Link(user.Email!, "account.confirm", "Confirm your email", "Confirm this address to finish creating your account.", "Confirm your account", link, Ignore));
    }

    public async Task SendEmailChangeConfirmationAsync(ExchangeUser user, string newEmail, IUrlHelper url, string scheme)
    {
        var code = Encode(await users.GenerateChangeEmailTokenAsync(user, newEmail));
        var link = Link(url, "/Account/ConfirmEmailChange", new { area = "Identity", userId = user.Id, email = newEmail, code }, scheme);
        await outbox.QueueAsync(templates.Link(newEmail, "account.email_change", "Confirm your new email", "Confirm this address to make it your account's email.", "Confirm the new email", link, Ignore));
    }

    public async Task SendPasswordResetAsync(ExchangeUser user, IUrlHelper url, string scheme)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = Link(url, "/Account/ResetPassword", new { area = "Identity", code }, scheme);
        await outbox.QueueAsync(templates.Link(user.Email!, "account.password_reset", "Reset your password", "Someone asked to reset the password of your account.", "Choose a new password", link, Ignore));
    }

    /// <summary>To an address's owner when someone registers it again: the page said nothing of it.</summary>
    public Task SendRegistrationAttemptAsync(ExchangeUser owner, IUrlHelper url, string scheme) =>
        outbox.QueueAsync(templates.RegistrationAttempt(owner.Email!,
            Link(url, "/Account/Login", new { area = "Identity" }, scheme), Link(url, "/Account/ForgotPassword", new { area = "Identity" }, scheme)));

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

    private string Link(IUrlHelper url, string page, object values, string scheme) =>
        environment.IsDevelopment() || options.Value.PublicUrl is null
            ? url.Page(page, null, values, scheme)!
            : options.Value.PublicLink(url.Page(page, null, values)!);
}
