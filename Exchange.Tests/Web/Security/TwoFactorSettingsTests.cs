using System.Net;
using Exchange.Core.Accounts;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Security;

/// <summary>A signed-in session alone cannot weaken two-factor sign-in: turning it off or swapping the key needs the current code.</summary>
[Integration]
public sealed class TwoFactorSettingsTests(ExchangeAppFactory app) : IClassFixture<ExchangeAppFactory>
{
    private const string Disable = "/Identity/Account/Manage/Disable2fa";
    private const string Reset = "/Identity/Account/Manage/ResetAuthenticator";

    private async Task<(HttpClient Client, string Key)> SignedInWithTwoFactorAsync(string email)
    {
        await app.CreateAsync(email);
        var client = await app.LoggedInClientAsync(email);
        return (client, await app.EnableTwoFactorAsync(email));
    }

    private async Task<(bool Enabled, string? Key)> TwoFactorOfAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ExchangeUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        return (await users.GetTwoFactorEnabledAsync(user), await users.GetAuthenticatorKeyAsync(user));
    }

    [Theory]
    [InlineData("")]
    [InlineData("123456")]
    public async Task Two_factor_stays_on_without_the_right_code(string code)
    {
        var email = $"keep{code.Length}@example.com";
        var (client, _) = await SignedInWithTwoFactorAsync(email);

        var response = await client.PostFormAsync(Disable, new() { ["Input.Code"] = code });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(code.Length == 0 ? "Enter the current code from your authenticator app." : "The two-factor code is not right", await response.TextAsync());
        Assert.True((await TwoFactorOfAsync(email)).Enabled);
    }

    [Fact]
    public async Task The_current_code_turns_two_factor_off()
    {
        var (client, key) = await SignedInWithTwoFactorAsync("off@example.com");

        var response = await client.PostFormAsync(Disable, new() { ["Input.Code"] = Totp.Next(key) });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False((await TwoFactorOfAsync("off@example.com")).Enabled);
    }

    [Fact]
    public async Task A_recovery_code_also_turns_two_factor_off_once()
    {
        var (client, _) = await SignedInWithTwoFactorAsync("recovery@example.com");
        string recovery;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ExchangeUser>>();
            recovery = (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByEmailAsync("recovery@example.com"))!, 1))!.Single();
        }

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(Disable, new() { ["Input.Code"] = recovery })).StatusCode);
        Assert.False((await TwoFactorOfAsync("recovery@example.com")).Enabled);
    }

    [Fact]
    public async Task A_wrong_code_leaves_the_authenticator_key_as_it_was()
    {
        var (client, key) = await SignedInWithTwoFactorAsync("samekey@example.com");

        var missing = await client.PostFormAsync(Reset, new());
        var wrong = await client.PostFormAsync(Reset, new() { ["Input.Code"] = "654321" });

        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal((true, key), await TwoFactorOfAsync("samekey@example.com"));
    }

    [Fact]
    public async Task The_current_code_resets_the_key_and_two_factor_waits_for_the_new_one()
    {
        var (client, key) = await SignedInWithTwoFactorAsync("newkey@example.com");

        var response = await client.PostFormAsync(Reset, new() { ["Input.Code"] = Totp.Next(key) });

        Assert.Equal("/Identity/Account/Manage/EnableAuthenticator", response.Headers.Location!.OriginalString);
        var (enabled, newKey) = await TwoFactorOfAsync("newkey@example.com");
        Assert.False(enabled);
        Assert.NotEqual(key, newKey);
    }

    [Fact]
    public async Task The_set_up_page_carries_its_qr_code_in_the_page_and_no_address_serves_qr_codes()
    {
        await app.CreateAsync("setup@example.com");
        var client = await app.LoggedInClientAsync("setup@example.com");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/Identity/Account/Manage/EnableAuthenticator", TestContext.Current.CancellationToken));

        Assert.Matches("<div id=\"qrCode\"><img src=\"data:image/png;base64,[A-Za-z0-9+/=]{100,}\"", html);
        Assert.DoesNotContain("otpauth", html);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/qr?text=otpauth%3A%2F%2Ftotp%2Fx", TestContext.Current.CancellationToken)).StatusCode);
    }
}
