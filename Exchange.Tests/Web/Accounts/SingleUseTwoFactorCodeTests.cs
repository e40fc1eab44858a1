using Exchange.Core.Accounts;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Accounts;

/// <summary>Authenticator codes as every rule that asks for one sees them: right once, and every miss counted.</summary>
[Integration]
public sealed class SingleUseTwoFactorCodeTests : IAsyncLifetime
{
    private CoreDatabase core = null!;
    private string key = "";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        core = await CoreDatabase.CreateAsync();
        await core.AddUserAsync("u-1", "alice@example.com");
        key = await core.EnableTwoFactorAsync("u-1");
    }

    public ValueTask DisposeAsync() => core.DisposeAsync();

    private async Task<string?> CheckAsync(string? code)
    {
        await using var scope = core.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ITwoFactorVerifier>().ProblemAsync("u-1", code, Token);
    }

    private async Task<int> FailedAttemptsAsync()
    {
        await using var scope = core.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ExchangeUser>>();
        return await users.GetAccessFailedCountAsync((await users.FindByIdAsync("u-1"))!);
    }

    [Fact]
    public async Task A_code_is_accepted_once_and_playing_it_again_is_refused_and_counted()
    {
        var code = Totp.Next(key, core.Time);

        Assert.Null(await CheckAsync(code));
        Assert.Equal("The two-factor code is not right, or it was already used. Enter the current code from your authenticator app.", await CheckAsync(code));
        Assert.Equal(1, await FailedAttemptsAsync());
    }

    [Fact]
    public async Task After_a_code_is_used_an_older_one_is_refused_and_a_newer_one_accepted()
    {
        var older = Totp.Next(key, core.Time);
        var newer = Totp.Next(key, core.Time);

        Assert.Null(await CheckAsync(newer));
        Assert.NotNull(await CheckAsync(older));
        Assert.Null(await CheckAsync(Totp.Next(key, core.Time)));
    }

    [Fact]
    public async Task A_guessed_code_is_refused_and_counted_and_a_right_one_clears_the_count()
    {
        Assert.NotNull(await CheckAsync("123456"));
        Assert.NotNull(await CheckAsync("not a code"));
        Assert.Equal(2, await FailedAttemptsAsync());

        Assert.Null(await CheckAsync(Totp.Next(key, core.Time)));
        Assert.Equal(0, await FailedAttemptsAsync());
    }
}
