using System.ComponentModel.DataAnnotations;
using System.Text.Encodings.Web;
using Exchange.Core.Accounts;
using Exchange.Web.Components.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Setting up an authenticator app, with its QR code drawn into the page: the secret it holds never
/// travels in a URL (where logs and browser history keep it). The key is shown only while two-factor
/// is off (a first set-up, or after a reset, which took the current code): once it is on, a stolen
/// session must not be able to read the key and compute codes with it.
/// </summary>
[Authorize]
public sealed class EnableAuthenticatorModel(UserManager<ExchangeUser> users, SignInManager<ExchangeUser> signIn, UrlEncoder urls) : PageModel
{
    public string SharedKey { get; private set; } = "";

    /// <summary>Two-factor is on: the page shows no key and changes nothing.</summary>
    public bool AlreadyOn { get; private set; }

    /// <summary>The QR code of the <c>otpauth://</c> URI, as a <c>data:</c> image.</summary>
    public string QrCode { get; private set; } = "";

    [TempData]
    public string[]? RecoveryCodes { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required]
        [StringLength(7, ErrorMessage = "The {0} must be at least {2} and at max {1} characters long.", MinimumLength = 6)]
        [DataType(DataType.Text)]
        [Display(Name = "Verification Code")]
        public string Code { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
            return NotFound();
        if (await users.GetTwoFactorEnabledAsync(user))
            return AlreadyOnPage();
        await LoadKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
            return NotFound();
        if (await users.GetTwoFactorEnabledAsync(user))
            return AlreadyOnPage();
        if (!ModelState.IsValid)
            return await RedisplayAsync(user);
        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError("Input.Code", "Verification code is invalid.");
            return await RedisplayAsync(user);
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        // The new security stamp would end this session too at its next check.
        await signIn.RefreshSignInAsync(user);
        StatusMessage = "Your authenticator app has been verified.";
        if (await users.CountRecoveryCodesAsync(user) > 0)
            return RedirectToPage("./TwoFactorAuthentication");
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
        return RedirectToPage("./ShowRecoveryCodes");
    }

    private PageResult AlreadyOnPage()
    {
        AlreadyOn = true;
        return Page();
    }

    private async Task<PageResult> RedisplayAsync(ExchangeUser user)
    {
        await LoadKeyAsync(user);
        return Page();
    }

    private async Task LoadKeyAsync(ExchangeUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
        }
        SharedKey = string.Join(' ', key.Chunk(4).Select(group => new string(group))).ToLowerInvariant();
        var account = urls.Encode(await users.GetEmailAsync(user) ?? "");
        QrCode = QrCodes.DataUri($"otpauth://totp/Exchange:{account}?secret={key}&issuer=Exchange&digits=6");
    }
}
