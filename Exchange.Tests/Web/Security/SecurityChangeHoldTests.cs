using System.Net;
using System.Net.Http.Json;
using Exchange.Core.Accounts;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Ledger;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Security;

/// <summary>Whoever just changed an account's credentials (perhaps its thief) cannot withdraw for a day.</summary>
[Integration]
public sealed class SecurityChangeHoldTests : IAsyncLifetime
{
    private readonly ExchangeAppFactory app = new() { Settings = { ["WithdrawalSecurity:HoldAfterSecurityChange"] = "1.00:00:00" } };
    private string aliceId = "";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await app.CreateAsync("alice@example.com");
        aliceId = await app.UserIdAsync("alice@example.com");
        await app.Services.GetRequiredService<LedgerService>().ApplyAsync(LedgerChange.Manual(aliceId, CoinSymbols.Iota, 100_000_000, "ops", "Test funds"), Token);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task<DateTime?> SecurityChangedAtAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ExchangeDbContext>>().CreateDbContextAsync(Token);
        return await db.Users.Where(u => u.Id == aliceId).Select(u => u.SecurityChangedAt).SingleAsync(Token);
    }

    private async Task ClearHoldAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ExchangeDbContext>>().CreateDbContextAsync(Token);
        await db.Users.Where(u => u.Id == aliceId).ExecuteUpdateAsync(u => u.SetProperty(x => x.SecurityChangedAt, (DateTime?)null), Token);
    }

    [Fact]
    public async Task A_new_account_is_not_held_and_can_withdraw()
    {
        var alice = await app.KeyClientAsync("alice@example.com");

        var response = await alice.PostAsJsonAsync("/api/v1/withdrawals", new { coin = CoinSymbols.Iota, amount = "1", address = TestAddresses.Payout }, Token);

        Assert.Null(await SecurityChangedAtAsync());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Turning_two_factor_on_holds_withdrawals_and_says_until_when()
    {
        var key = await app.EnableTwoFactorAsync("alice@example.com");
        var alice = await app.KeyClientAsync("alice@example.com");

        var response = await alice.PostAsJsonAsync("/api/v1/withdrawals",
            new { coin = CoinSymbols.Iota, amount = "1", address = TestAddresses.Payout, twoFactorCode = Totp.Next(key) }, Token);

        var changedAt = await SecurityChangedAtAsync();
        Assert.NotNull(changedAt);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.True(body.Contains($"held until {changedAt.Value.AddHours(24):yyyy-MM-dd HH:mm} UTC", StringComparison.Ordinal), body);
        Assert.Empty(await app.Services.GetRequiredService<Exchange.Core.Withdrawals.WithdrawalQueries>().ForUserAsync(aliceId, cancellationToken: Token));
    }

    [Fact]
    public async Task A_password_change_and_a_new_withdraw_key_each_start_the_hold()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ExchangeUser>>();
            var changed = await users.ChangePasswordAsync((await users.FindByIdAsync(aliceId))!, AccountSteps.Password, "An0ther-pass!");
            Assert.True(changed.Succeeded);
        }
        var afterPassword = await SecurityChangedAtAsync();
        var key = await app.EnableTwoFactorAsync("alice@example.com");
        await ClearHoldAsync();
        var readKey = await app.Services.GetRequiredService<ApiKeys>().CreateAsync(new ApiKeyRequest(aliceId, "reader", [ApiKeyScopes.Read]), Token);
        var afterReadKey = await SecurityChangedAtAsync();
        var withdrawKey = await app.Services.GetRequiredService<ApiKeys>().CreateAsync(
            new ApiKeyRequest(aliceId, "bot", [ApiKeyScopes.Withdraw], TwoFactorCode: Totp.Next(key)), Token);

        Assert.NotNull(afterPassword);
        Assert.True(readKey.Succeeded, readKey.Problem);
        Assert.Null(afterReadKey);
        Assert.True(withdrawKey.Succeeded, withdrawKey.Problem);
        Assert.NotNull(await SecurityChangedAtAsync());
    }
}
