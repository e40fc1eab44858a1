using System.Net;
using System.Text.Json;
using Exchange.Core.Accounts;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Accounts;

/// <summary>
/// What a signed-in session alone (a stolen cookie) gets from the account pages of a user with
/// two-factor on: no authenticator key, no recovery code, no other secret, and no way to mint codes
/// or move the account to another email or password without what only the user knows.
/// </summary>
[Integration]
public sealed class StolenSessionTests(ExchangeAppFactory app) : IClassFixture<ExchangeAppFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Client, string Key)> SignedInWithTwoFactorAsync(string email)
    {
        await app.CreateAsync(email);
        var key = await app.EnableTwoFactorAsync(email);
        var client = app.FormClient();
        Assert.Contains("LoginWith2fa", (await client.PostLoginAsync(email, AccountSteps.Password)).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostTwoFactorCodeAsync(Totp.Next(key))).StatusCode);
        return (client, key);
    }

    private async Task<T> WithUserAsync<T>(string email, Func<UserManager<ExchangeUser>, ExchangeUser, Task<T>> act)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ExchangeUser>>();
        return await act(users, (await users.FindByEmailAsync(email))!);
    }

    private Task<List<string>> RecoveryCodesAsync(string email) =>
        WithUserAsync(email, async (users, user) => (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList());

    private Task<bool> RedeemsAsync(string email, string code) =>
        WithUserAsync(email, async (users, user) => (await users.RedeemTwoFactorRecoveryCodeAsync(user, code)).Succeeded);

    [Fact]
    public async Task With_two_factor_on_the_set_up_page_shows_neither_the_key_nor_its_qr_code()
    {
        var (client, key) = await SignedInWithTwoFactorAsync("shown@example.com");

        var response = await client.GetAsync("/Identity/Account/Manage/EnableAuthenticator", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.TextAsync();
        var grouped = string.Join(' ', key.Chunk(4).Select(group => new string(group)));
        Assert.DoesNotContain(key, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(grouped, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:image/png", html);
        Assert.Contains("the key of your authenticator app is not shown again", html);
    }

    [Fact]
    public async Task The_personal_data_download_carries_the_account_but_no_secret()
    {
        var (client, key) = await SignedInWithTwoFactorAsync("download@example.com");
        var recovery = await RecoveryCodesAsync("download@example.com");
        var apiSecret = await app.ApiKeyAsync("download@example.com", ApiKeyScopes.Read);
        var (stamp, passwordHash) = await WithUserAsync("download@example.com", (_, user) => Task.FromResult((user.SecurityStamp!, user.PasswordHash!)));

        var response = await client.PostFormAsync("/Identity/Account/Manage/PersonalData", "/Identity/Account/Manage/DownloadPersonalData");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var data = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        var json = string.Join("\n", Texts(data.RootElement));
        string[] secrets = [key, stamp, passwordHash, apiSecret, ApiKey.HashOf(apiSecret), .. recovery];
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, json, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("Authenticator", json, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("download@example.com", json);
        Assert.True(data.RootElement.GetProperty("TwoFactorEnabled").GetBoolean());
        Assert.Equal(10, data.RootElement.GetProperty("RecoveryCodesLeft").GetInt32());
        Assert.Contains(apiSecret[..10], json);
    }

    [Theory]
    [InlineData("")]
    [InlineData("000000")]
    public async Task New_recovery_codes_are_refused_without_the_current_authenticator_code(string code)
    {
        var email = $"codes{code.Length}@example.com";
        var (client, _) = await SignedInWithTwoFactorAsync(email);
        var recovery = await RecoveryCodesAsync(email);

        var response = await client.PostFormAsync("/Identity/Account/Manage/GenerateRecoveryCodes", new() { ["Input.Code"] = code });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(code.Length == 0 ? "Enter the current code from your authenticator app." : "The two-factor code is not right", await response.TextAsync());
        Assert.True(await RedeemsAsync(email, recovery[0]), "the recovery codes the user has were replaced");
    }

    [Fact]
    public async Task A_recovery_code_does_not_stand_in_for_the_authenticator_code_when_minting_new_ones()
    {
        var (client, _) = await SignedInWithTwoFactorAsync("minted@example.com");
        var recovery = await RecoveryCodesAsync("minted@example.com");

        var response = await client.PostFormAsync("/Identity/Account/Manage/GenerateRecoveryCodes", new() { ["Input.Code"] = recovery[0] });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await RedeemsAsync("minted@example.com", recovery[1]), "the recovery codes the user has were replaced");
    }

    [Fact]
    public async Task The_current_authenticator_code_replaces_the_recovery_codes_and_shows_the_new_ones_once()
    {
        var (client, key) = await SignedInWithTwoFactorAsync("renewed@example.com");
        var old = await RecoveryCodesAsync("renewed@example.com");

        var response = await client.PostFormAsync("/Identity/Account/Manage/GenerateRecoveryCodes", new() { ["Input.Code"] = Totp.Next(key) });

        Assert.Equal("/Identity/Account/Manage/ShowRecoveryCodes", response.Headers.Location!.OriginalString);
        var shown = await (await client.GetAsync("/Identity/Account/Manage/ShowRecoveryCodes", Token)).TextAsync();
        var codes = System.Text.RegularExpressions.Regex.Matches(shown, "<code class=\"recovery-code\">([^<]+)</code>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);
        Assert.False(await RedeemsAsync("renewed@example.com", old[0]), "an old recovery code still works");
        Assert.True(await RedeemsAsync("renewed@example.com", codes[0]));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Identity/Account/Manage/ShowRecoveryCodes", Token)).StatusCode);
    }

    [Fact]
    public async Task A_new_email_is_refused_without_the_current_password()
    {
        var (client, _) = await SignedInWithTwoFactorAsync("mailbox@example.com");

        var missing = await client.PostFormAsync("/Identity/Account/Manage/Email?handler=ChangeEmail", new() { ["Input.NewEmail"] = "thief@example.com" });
        var wrong = await client.PostFormAsync("/Identity/Account/Manage/Email?handler=ChangeEmail",
            new() { ["Input.NewEmail"] = "thief@example.com", ["Input.Password"] = "Wrong-pass-999" });

        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("Enter your current password.", await missing.TextAsync());
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("The current password is not right.", await wrong.TextAsync());
    }

    [Fact]
    public async Task Guessing_the_current_password_on_the_password_page_locks_the_account()
    {
        var (client, _) = await SignedInWithTwoFactorAsync("guessed@example.com");
        for (var i = 0; i < 5; i++)
            await client.PostFormAsync("/Identity/Account/Manage/ChangePassword",
                new() { ["Input.OldPassword"] = $"Guess-{i}-pass", ["Input.NewPassword"] = "Thief-pass-123", ["Input.ConfirmPassword"] = "Thief-pass-123" });

        var right = await client.PostFormAsync("/Identity/Account/Manage/ChangePassword",
            new() { ["Input.OldPassword"] = AccountSteps.Password, ["Input.NewPassword"] = "Thief-pass-123", ["Input.ConfirmPassword"] = "Thief-pass-123" });

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("this account is locked until", await right.TextAsync());
        Assert.True(await WithUserAsync("guessed@example.com", (users, user) => users.CheckPasswordAsync(user, AccountSteps.Password)));
    }

    /// <summary>Every property name and value in the document, unescaped, so a secret cannot hide behind JSON escapes.</summary>
    private static IEnumerable<string> Texts(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Texts(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Texts),
        JsonValueKind.String => [element.GetString()!],
        _ => [element.GetRawText()],
    };
}
