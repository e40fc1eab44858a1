using System.Net;
using System.Net.Http.Json;
using Exchange.Core.Coins;
using Exchange.Core.Ledger;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Withdraw;

/// <summary>The two-factor threshold is in USD, so it follows the price an operator set, not the price a new database starts with.</summary>
[Integration]
public class TwoFactorGateTests : IAsyncLifetime
{
    private readonly ExchangeAppFactory app = new() { Settings = { ["WithdrawalSecurity:TwoFactorRequiredAboveUsd"] = "10" } };
    private HttpClient alice = null!;
    private string aliceId = "";
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await app.CreateAsync("alice@example.com");
        aliceId = await app.UserIdAsync("alice@example.com");
        await app.Services.GetRequiredService<LedgerService>().ApplyAsync(LedgerChange.Manual(aliceId, CoinSymbols.Iota, 100_000_000, "ops", "Test funds"), Token);
        alice = await app.KeyClientAsync("alice@example.com");
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    // 30 MIOTA: $8.10 at the seeded $0.27, $15.00 at $0.50.
    private Task<HttpResponseMessage> WithdrawThirtyAsync() =>
        alice.PostAsJsonAsync("/api/v1/withdrawals", new { coin = CoinSymbols.Iota, amount = "30", address = TestAddresses.Payout }, Token);

    [Fact]
    public async Task After_an_operator_raises_the_price_a_withdrawal_now_worth_more_than_the_threshold_needs_two_factor()
    {
        var atSeedPrice = await WithdrawThirtyAsync();
        await app.CreateAsync("ops@example.com", isOperator: true);
        var saved = await app.Services.GetRequiredService<CoinSettings>().UpdateAsync(
            await app.UserIdAsync("ops@example.com"), CoinSymbols.Iota, new CoinRules("0.5", "0.001", "1000", "100"), Token);

        var atNewPrice = await WithdrawThirtyAsync();

        Assert.Equal(HttpStatusCode.Created, atSeedPrice.StatusCode);
        Assert.True(saved.Succeeded, saved.Message);
        Assert.Equal(HttpStatusCode.Forbidden, atNewPrice.StatusCode);
        Assert.Contains("Withdrawals worth more than $10.00 need two-factor authentication.", await atNewPrice.Content.ReadAsStringAsync(Token));
        Assert.Single(await app.Services.GetRequiredService<WithdrawalService>().ForUserAsync(aliceId, cancellationToken: Token));
    }
}
