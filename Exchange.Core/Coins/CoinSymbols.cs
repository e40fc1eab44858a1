namespace Exchange.Core.Coins;

/// <summary>
/// The symbols the code itself names. Everything else about a coin (price, decimals, limits) is
/// read from the Coins table through <see cref="CoinCatalogue"/>.
/// </summary>
public static class CoinSymbols
{
    /// <summary>The coin the exchange moves through IOTA Hub.</summary>
    public const string Iota = "MIOTA";

    /// <summary>Shown for demonstration only; not connected to any network.</summary>
    public const string Bitcoin = "BTC";
}
