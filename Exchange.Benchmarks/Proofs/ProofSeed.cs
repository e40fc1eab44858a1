using Exchange.Benchmarks.Harness;
using Exchange.Core.Coins;
using Exchange.Core.Ledger;

namespace Exchange.Benchmarks.Proofs;

/// <summary>
/// Users with a balance in MIOTA and one in BTC, each booked as a deposit through the ledger's bulk
/// credit; what user i holds follows from i, so a check knows it without asking the ledger.
/// </summary>
internal static class ProofSeed
{
    public static string UserOf(int index) => $"proof-user-{index}";

    public static long IotaOf(int index) => 1_000_000 + index;

    public static long BitcoinOf(int index) => 1 + index % 100_000;

    public static Task CreditAsync(IServiceProvider services, int users) =>
        PastDeposits.BookAsync(services, 2 * users, credit => credit % 2 == 0
            ? LedgerChange.Deposit(UserOf(credit / 2), CoinSymbols.Iota, IotaOf(credit / 2), "seed", $"seed-iota-{credit / 2}")
            : LedgerChange.Deposit(UserOf(credit / 2), CoinSymbols.Bitcoin, BitcoinOf(credit / 2), "seed", $"seed-btc-{credit / 2}"));

    /// <summary>What the seed credited in each coin, all users together.</summary>
    public static IReadOnlyDictionary<string, long> Totals(int users) => new Dictionary<string, long>
    {
        [CoinSymbols.Iota] = Enumerable.Range(0, users).Sum(i => IotaOf(i)),
        [CoinSymbols.Bitcoin] = Enumerable.Range(0, users).Sum(i => BitcoinOf(i)),
    };

    /// <summary>What user i holds, as a proof's expected balances.</summary>
    public static IReadOnlyDictionary<string, ulong> BalancesOf(int index) => new Dictionary<string, ulong>
    {
        [CoinSymbols.Iota] = (ulong)IotaOf(index),
        [CoinSymbols.Bitcoin] = (ulong)BitcoinOf(index),
    };
}
