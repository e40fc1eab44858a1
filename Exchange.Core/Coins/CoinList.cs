namespace Exchange.Core.Coins;

/// <summary>
/// The listed coins as the Coins table held them at one moment, in display order. Every reader
/// shares the same instances: read them, never change them.
/// </summary>
public sealed class CoinList(IReadOnlyList<Coin> all)
{
    public IReadOnlyList<Coin> All => all;

    /// <summary>The coin with exactly this symbol, or null: "miota" is not MIOTA, whatever the database's collation says.</summary>
    public Coin? Find(string? symbol) => all.FirstOrDefault(c => string.Equals(c.Symbol, symbol, StringComparison.Ordinal));

    /// <summary>For a symbol the exchange stored itself (an account's, a withdrawal's), which must be listed.</summary>
    public Coin BySymbol(string symbol) =>
        Find(symbol) ?? throw new InvalidOperationException($"Coin '{symbol}' is not in the Coins table.");

    public Coin Iota => BySymbol(CoinSymbols.Iota);

    /// <summary>The amount in the coin's display unit; an unlisted coin's amount as it is stored.</summary>
    public decimal ToDisplayUnits(string symbol, long baseUnits) => Find(symbol)?.ToDisplayUnits(baseUnits) ?? baseUnits;

    /// <summary>What a user or operator reads when they name a coin that is not listed.</summary>
    public static string Unknown(string? symbol) => $"Unknown coin '{symbol}'.";
}
