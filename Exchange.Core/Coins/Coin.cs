using System.Globalization;

namespace Exchange.Core.Coins;

/// <summary>A currency the exchange lists. Amounts of it are always whole base units (<see cref="long"/>).</summary>
public sealed class Coin
{
    public required string Symbol { get; init; }
    public required string Name { get; set; }

    /// <summary>How many decimals the display unit has: 1 MIOTA = 10^6 iotas, 1 BTC = 10^8 satoshis.</summary>
    public required int Decimals { get; init; }

    /// <summary>Name of the indivisible unit amounts are stored in.</summary>
    public required string BaseUnit { get; init; }

    public required decimal UsdPrice { get; set; }

    /// <summary>False for coins the exchange shows but does not move on any network (BTC in the demo).</summary>
    public required bool IsConnected { get; init; }

    public int SortOrder { get; init; }

    /// <summary>For a coin not connected to any network: the one address shown to every user, for display only.</summary>
    public string? DemoDepositAddress { get; init; }

    /// <summary>Every unit of the coin that can ever exist, in base units: no amount may exceed it.</summary>
    public required long MaxSupply { get; init; }

    // Withdrawal rules, in base units; operators edit them.

    /// <summary>False for a coin the exchange cannot pay out (not connected to any network).</summary>
    public bool WithdrawalsEnabled { get; set; }

    public long WithdrawalMinimum { get; set; }

    /// <summary>Most one user may withdraw in any 24 hours (requests not cancelled or failed).</summary>
    public long DailyWithdrawalLimit { get; set; }

    /// <summary>A withdrawal above this waits for an operator's approval.</summary>
    public long ApprovalThreshold { get; set; }

    /// <summary>
    /// Manual adjustments in this coin adding up to more than this in 24 hours (those one operator asked
    /// for, or one user received) wait for a second operator, whatever the price says they are worth.
    /// </summary>
    public long FourEyesAbove { get; set; }

    /// <summary>The price and the rules above as one value, as a coin-settings change moves them.</summary>
    public CoinRuleValues Rules
    {
        get => new(UsdPrice, WithdrawalMinimum, DailyWithdrawalLimit, ApprovalThreshold, FourEyesAbove);
        set => (UsdPrice, WithdrawalMinimum, DailyWithdrawalLimit, ApprovalThreshold, FourEyesAbove) =
            (value.UsdPrice, value.WithdrawalMinimum, value.DailyWithdrawalLimit, value.ApprovalThreshold, value.FourEyesAbove);
    }

    public long BaseUnitsPerCoin => (long)PowerOfTen(Decimals);

    /// <summary>The amount in the display unit, exact.</summary>
    public decimal ToDisplayUnits(long baseUnits) => ToDisplayUnits(baseUnits, Decimals);

    /// <summary>An amount in a coin with these decimals (a signed manifest's, say) in its display unit, exact.</summary>
    public static decimal ToDisplayUnits(long baseUnits, int decimals) => baseUnits / PowerOfTen(decimals);

    private static decimal PowerOfTen(int decimals)
    {
        var scale = 1m;
        for (var i = 0; i < decimals; i++) scale *= 10;
        return scale;
    }

    public decimal UsdValue(long baseUnits) => ToDisplayUnits(baseUnits) * UsdPrice;

    /// <summary>"1.5 MIOTA": the display unit, trailing zeros trimmed, never rounded.</summary>
    public string Format(long baseUnits) =>
        ToDisplayUnits(baseUnits).ToString("0." + new string('#', Decimals), CultureInfo.InvariantCulture) + " " + Symbol;

    public static string FormatUsd(decimal usd) => usd.ToString("$#,##0.00", CultureInfo.InvariantCulture);
}
