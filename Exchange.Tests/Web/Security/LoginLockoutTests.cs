using System.Net;
using Exchange.Core.Accounts;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Security;

/// <summary>Guessing a password or a two-factor code at the login locks the account after five misses.</summary>
[Integration]
public sealed class LoginLockoutTests(ExchangeAppFactory app) : IClassFixture<ExchangeAppFactory>
{
    private const string Wrong = "Wrong-pass-999";

    private async Task<T> WithUsersAsync<T>(Func<UserManager<ExchangeUser>, Task<T>> act)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await act(scope.ServiceProvider.GetRequiredService<UserManager<ExchangeUser>>());
    }

    private Task<DateTimeOffset> LockoutEndAsync(string email) =>
        WithUsersAsync(async users => (await users.GetLockoutEndDateAsync((await users.FindByEmailAsync(email))!)) ?? DateTimeOffset.MinValue);

    [Fact]
    public async Task After_five_wrong_passwords_the_right_one_is_refused_and_the_page_says_until_when()
    {
        await app.CreateAsync("lock@example.com");
        var client = app.FormClient();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.PostLoginAsync("lock@example.com", Wrong)).StatusCode);

        var sixth = await client.PostLoginAsync("lock@example.com", AccountSteps.Password);

        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        var until = await LockoutEndAsync("lock@example.com");
        Assert.InRange(until - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        Assert.Contains(LockoutSentence.Until(until), await sixth.TextAsync());
        Assert.Contains("until " + until.UtcDateTime.ToString("yyyy-MM-dd HH:mm") + " UTC", await sixth.TextAsync());
    }

    [Fact]
    public async Task When_the_lockout_has_ended_the_right_password_logs_in()
    {
        await app.CreateAsync("ended@example.com");
        var client = app.FormClient();
        for (var i = 0; i < 5; i++)
            await client.PostLoginAsync("ended@example.com", Wrong);
        await WithUsersAsync(async users => await users.SetLockoutEndDateAsync((await users.FindByEmailAsync("ended@example.com"))!, DateTimeOffset.UtcNow.AddSeconds(-1)));

        var response = await client.PostLoginAsync("ended@example.com", AccountSteps.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_answer_with_the_rule()
    {
        await app.CreateAsync("known@example.com");
        var client = app.FormClient();

        var wrongPassword = await (await client.PostLoginAsync("known@example.com", Wrong)).TextAsync();
        var unknownEmail = await (await client.PostLoginAsync("nobody@example.com", Wrong)).TextAsync();

        const string sentence = "The email or password is not right. After 5 wrong tries in a row an account is locked for 15 minutes.";
        Assert.Contains(sentence, wrongPassword);
        Assert.Contains(sentence, unknownEmail);
    }

    [Fact]
    public async Task A_two_factor_code_used_once_cannot_log_in_and_a_fresh_one_can()
    {
        await app.CreateAsync("replay@example.com");
        var key = await app.EnableTwoFactorAsync("replay@example.com");
        var used = Totp.Next(key);
        await using (var scope = app.Services.CreateAsyncScope())
            Assert.Null(await scope.ServiceProvider.GetRequiredService<ITwoFactorVerifier>().ProblemAsync(await app.UserIdAsync("replay@example.com"), used, TestContext.Current.CancellationToken));
        var client = app.FormClient();
        Assert.Contains("LoginWith2fa", (await client.PostLoginAsync("replay@example.com", AccountSteps.Password)).Headers.Location!.OriginalString);

        var replayed = await client.PostTwoFactorCodeAsync(used);

        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Contains("Invalid authenticator code.", await replayed.TextAsync());
        var fresh = await client.PostTwoFactorCodeAsync(Totp.Next(key));
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
        Assert.Equal("/", fresh.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Wrong_two_factor_codes_at_login_count_toward_the_lockout()
    {
        await app.CreateAsync("guess@example.com");
        var key = await app.EnableTwoFactorAsync("guess@example.com");
        var client = app.FormClient();
        await client.PostLoginAsync("guess@example.com", AccountSteps.Password);
        for (var i = 0; i < 4; i++)
            Assert.Contains("Invalid authenticator code.", await (await client.PostTwoFactorCodeAsync("000000")).TextAsync());

        var fifth = await client.PostTwoFactorCodeAsync("000000");

        Assert.Equal("/Identity/Account/Lockout", fifth.Headers.Location!.OriginalString);
        Assert.Contains(LockoutSentence.Until(await LockoutEndAsync("guess@example.com")),
            await (await app.FormClient().PostLoginAsync("guess@example.com", AccountSteps.Password)).TextAsync());
        Assert.Equal("/Identity/Account/Lockout", (await client.PostTwoFactorCodeAsync(Totp.Next(key))).Headers.Location!.OriginalString);
    }
}
