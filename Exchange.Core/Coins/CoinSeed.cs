namespace Exchange.Core.Coins;

/// <summary>The coins every new database starts with (the migrations insert them); at run time coins come from <see cref="CoinCatalogue"/>.</summary>
public static class CoinSeed
{
    public static IReadOnlyList<Coin> All { get; } =
    [
        new()
        {
            Symbol = CoinSymbols.Iota, Name = "IOTA", Decimals = 6, BaseUnit = "i", UsdPrice = 0.27m, IsConnected = true, SortOrder = 1,
            MaxSupply = 2_779_530_283_277_761,
            WithdrawalsEnabled = true,
            WithdrawalMinimum = 1_000,              // 0.001 MIOTA
            DailyWithdrawalLimit = 1_000_000_000,   // 1,000 MIOTA
            ApprovalThreshold = 100_000_000,        // 100 MIOTA
            FourEyesAbove = 4_000_000_000,          // 4,000 MIOTA: about Operator:FourEyesAboveUsd at the seeded price
        },
        new()
        {
            Symbol = CoinSymbols.Bitcoin, Name = "Bitcoin", Decimals = 8, BaseUnit = "sat", UsdPrice = 10100.00m, IsConnected = false, SortOrder = 2,
            MaxSupply = 2_100_000_000_000_000,
            DemoDepositAddress = "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
            WithdrawalsEnabled = false,
            WithdrawalMinimum = 10_000,
            DailyWithdrawalLimit = 100_000_000,
            ApprovalThreshold = 10_000_000,
            FourEyesAbove = 10_000_000,             // 0.1 BTC
        },
    ];
}
