using System.Globalization;

namespace Exchange.Core.Coins;

/// <summary>One setting a coin-settings change moves, in an operator's words ("price", "$0.27", "$0.25").</summary>
public sealed record CoinRuleChange(string Setting, string Before, string After)
{
    public override string ToString() => $"{Setting} {Before} → {After}";
}

/// <summary>A coin's price and rules, amounts in base units: what a coin-settings change moves from and to.</summary>
public sealed record CoinRuleValues(decimal UsdPrice, long WithdrawalMinimum, long DailyWithdrawalLimit, long ApprovalThreshold, long FourEyesAbove)
{
    /// <summary>
    /// True when any control is looser than in <paramref name="before"/>: a lower price (every limit in
    /// USD lets more through), a lower minimum, a higher daily limit, approval threshold or four-eyes ceiling.
    /// </summary>
    public bool LoosensFrom(CoinRuleValues before) =>
        UsdPrice < before.UsdPrice || WithdrawalMinimum < before.WithdrawalMinimum || DailyWithdrawalLimit > before.DailyWithdrawalLimit
        || ApprovalThreshold > before.ApprovalThreshold || FourEyesAbove > before.FourEyesAbove;

    /// <summary>The settings that differ from <paramref name="before"/>, in the Coins page's order.</summary>
    public IReadOnlyList<CoinRuleChange> ChangesFrom(CoinRuleValues before, Coin coin)
    {
        var changes = new List<CoinRuleChange>();
        if (UsdPrice != before.UsdPrice) changes.Add(new("price", Price(before.UsdPrice), Price(UsdPrice)));
        Add("minimum withdrawal", before.WithdrawalMinimum, WithdrawalMinimum);
        Add("daily limit", before.DailyWithdrawalLimit, DailyWithdrawalLimit);
        Add("approval above", before.ApprovalThreshold, ApprovalThreshold);
        Add("four eyes above", before.FourEyesAbove, FourEyesAbove);
        return changes;

        void Add(string setting, long from, long to)
        {
            if (from != to) changes.Add(new(setting, coin.Format(from), coin.Format(to)));
        }
    }

    /// <summary>
    /// These values where they differ from <paramref name="before"/>, <paramref name="current"/>'s
    /// elsewhere: a change decided later keeps what others changed meanwhile in the settings it leaves alone.
    /// </summary>
    public CoinRuleValues OnTopOf(CoinRuleValues before, CoinRuleValues current) => new(
        UsdPrice != before.UsdPrice ? UsdPrice : current.UsdPrice,
        WithdrawalMinimum != before.WithdrawalMinimum ? WithdrawalMinimum : current.WithdrawalMinimum,
        DailyWithdrawalLimit != before.DailyWithdrawalLimit ? DailyWithdrawalLimit : current.DailyWithdrawalLimit,
        ApprovalThreshold != before.ApprovalThreshold ? ApprovalThreshold : current.ApprovalThreshold,
        FourEyesAbove != before.FourEyesAbove ? FourEyesAbove : current.FourEyesAbove);

    /// <summary>"$0.27": exact (a price has at most 8 decimals), whatever scale the database returned.</summary>
    public static string Price(decimal usd) => "$" + usd.ToString("0.########", CultureInfo.InvariantCulture);
}
