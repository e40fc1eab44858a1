using System.Globalization;
using Exchange.Core.Coins;
using Exchange.Core.Proofs;

namespace Exchange.Web.Components.Pages.Proofs;

/// <summary>A snapshot's figures as its pages write them: amounts with the decimals the signed manifest gives.</summary>
public static class ProofFormat
{
    public static string Amount(ProofAmount amount) => Amount(amount.Amount, amount.Decimals, amount.Coin);

    public static string Amount(long baseUnits, int decimals, string coin) =>
        Coin.ToDisplayUnits(baseUnits, decimals).ToString("#,0." + new string('#', decimals), CultureInfo.InvariantCulture) + " " + coin;

    /// <summary>What Hub reported holding, in the coin Hub holds (IOTA); null for another coin or when Hub did not answer.</summary>
    public static (long HubTotal, long HotWallet)? Reserves(PublishedSnapshot snapshot, string coin) =>
        coin == CoinSymbols.Iota && snapshot is { HubTotal: { } total, HotWallet: { } hot } ? (total, hot) : null;

    /// <summary>Reserves over liabilities, e.g. "101.25 %"; a dash when nothing is owed.</summary>
    public static string Ratio(long reserves, long liabilities) =>
        liabilities == 0 ? "—" : ((decimal)reserves / liabilities).ToString("0.00 %", CultureInfo.InvariantCulture);

    public static string Time(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>The size of a download, e.g. "48.0 MB".</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1_000 => $"{bytes} bytes",
        < 1_000_000 => (bytes / 1_000m).ToString("0.0 kB", CultureInfo.InvariantCulture),
        _ => (bytes / 1_000_000m).ToString("0.0 MB", CultureInfo.InvariantCulture),
    };
}
