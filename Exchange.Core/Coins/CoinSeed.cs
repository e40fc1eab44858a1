namespace Exchange.Core.Coins;

/// <summary>The coins every new database starts with.</summary>
public static class CoinSeed
{
    public const string Iota = "MIOTA";
    public const string Bitcoin = "BTC";

    public static IReadOnlyList<Coin> All { get; } =
    [
        new() { Symbol = Iota, Name = "IOTA", Decimals = 6, BaseUnit = "i", UsdPrice = 0.27m, IsConnected = true, SortOrder = 1 },
        new() { Symbol = Bitcoin, Name = "Bitcoin", Decimals = 8, BaseUnit = "sat", UsdPrice = 10100.00m, IsConnected = false, SortOrder = 2 },
    ];
}
