using Exchange.Core.Coins;
using Exchange.Tests.Infrastructure;
using static Exchange.Tests.Infrastructure.OperatorSteps;

namespace Exchange.Tests.Core.Coins;

/// <summary>The coins every page, job and rule reads: the Coins table as operators left it, matched by exact symbol.</summary>
[Integration]
public class CoinCatalogueTests : IAsyncLifetime
{
    private CoreDatabase core = null!;
    private SteppedUpOperator op = null!;
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private CoinCatalogue Catalogue => core.Get<CoinCatalogue>();

    public async ValueTask InitializeAsync()
    {
        core = await CoreDatabase.CreateAsync();
        op = await core.OperatorWithTwoFactorAsync(Operator, OperatorEmail);
    }

    public ValueTask DisposeAsync() => core.DisposeAsync();

    /// <summary>A coin an operator added to the table by hand, as a listing would.</summary>
    internal static async Task AddCoinAsync(CoreDatabase core, string symbol = "DEMO")
    {
        await using var db = core.NewContext();
        db.Coins.Add(new Coin
        {
            Symbol = symbol, Name = "Demo coin", Decimals = 2, BaseUnit = "cent", UsdPrice = 1m, IsConnected = false, SortOrder = 3,
            MaxSupply = 1_000_000_000, WithdrawalMinimum = 1, DailyWithdrawalLimit = 100, ApprovalThreshold = 100,
        });
        await db.SaveChangesAsync(Token);
    }

    [Fact]
    public async Task Lists_the_coins_of_the_table_in_their_order()
    {
        Assert.Equal([CoinSymbols.Iota, CoinSymbols.Bitcoin], (await Catalogue.CurrentAsync(Token)).All.Select(c => c.Symbol));
    }

    [Fact]
    public async Task After_an_operator_saves_coin_settings_it_shows_the_new_price_and_coins_added_to_the_table()
    {
        await Catalogue.CurrentAsync(Token);
        await AddCoinAsync(core);

        var saved = await core.Get<CoinSettings>().UpdateAsync(op.WithCode(), CoinSymbols.Iota, new CoinRules("0.5", "0.001", "1000", "100", "4000"), Token);
        var coins = await Catalogue.CurrentAsync(Token);

        Assert.True(saved.Succeeded, saved.Message);
        Assert.Equal(0.5m, coins.Iota.UsdPrice);
        Assert.Equal([CoinSymbols.Iota, CoinSymbols.Bitcoin, "DEMO"], coins.All.Select(c => c.Symbol));
    }

    [Theory]
    [InlineData("miota")]
    [InlineData("Miota")]
    [InlineData(" MIOTA")]
    [InlineData("btc")]
    public async Task Finds_a_coin_only_by_its_exact_symbol(string typed)
    {
        var coins = await Catalogue.CurrentAsync(Token);

        Assert.Null(coins.Find(typed));
        Assert.Equal("IOTA", coins.Find(CoinSymbols.Iota)?.Name);
    }
}
