using System.Globalization;
using Exchange.Benchmarks.Deposits;
using Exchange.Benchmarks.Serving;
using Exchange.Core.Coins;
using Exchange.Core.HubSync;
using Exchange.Core.Withdrawals;
using Exchange.Hub.Iota;

namespace Exchange.Benchmarks.Withdrawals;

/// <summary>
/// Users with balances, as deposits make them: seeded on Hub, credited by the balance check, moved
/// to the hot wallet and confirmed on the Tangle; then each user asks for one withdrawal, as the
/// withdraw page does, below the coin's approval threshold so it is approved on request.
/// </summary>
internal static class WithdrawalSeed
{
    public const string Prefix = "bench-";
    /// <summary>Half of what user i+1 deposited (the seed's deposit i is 1,000,000 + i).</summary>
    public static long AmountOf(long index) => 500_000 + index;

    public static async Task FundAsync(IServiceProvider services, EmulatorProcess emulator, int users)
    {
        await ExchangeSeeder.StoreAsync(services, emulator.SeedAsync(users, users, firstUser: 1), users, Prefix);
        var sync = services.GetRequiredService<BalanceSync>();
        for (long credited = 0, runs = 0; credited < users; runs++)
        {
            if (runs > users + 10) throw new InvalidOperationException($"The balance check credited {credited} of {users} seeded deposits.");
            credited += (await sync.RunAsync()).DepositsCredited;
        }
        await services.GetRequiredService<HotWalletSweeper>().RunAsync();
        // The seed's sweep attached, then confirmed: its Hub address can fund the payouts.
        await emulator.TickAsync("attachment");
        await emulator.TickAsync("attachment");
    }

    /// <summary>One withdrawal per user to an address of the user's own wallet; the ids, in order.</summary>
    public static async Task<IReadOnlyList<long>> RequestAsync(IServiceProvider services, int users)
    {
        var withdrawals = services.GetRequiredService<UserWithdrawalCommands>();
        var iota = (await services.GetRequiredService<CoinCatalogue>().CurrentAsync()).Iota;
        var ids = new List<long>(users);
        for (var i = 0; i < users; i++)
        {
            var amount = iota.ToDisplayUnits(AmountOf(i)).ToString(CultureInfo.InvariantCulture);
            var request = new WithdrawalRequest(ExchangeSeeder.ExchangeUserOf(Prefix, $"user-{i + 1}"), CoinSymbols.Iota, amount, WalletAddress(), IdempotencyKey: $"bench-{i}");
            var result = await withdrawals.RequestAsync(request);
            if (!result.Succeeded) throw new InvalidOperationException($"Withdrawal {i} was refused: {string.Join(" ", result.Problems.Select(p => p.Message))}");
            if (result.Withdrawal!.State != WithdrawalState.Approved)
                throw new InvalidOperationException($"Withdrawal {i} is {result.Withdrawal.State}, not approved on request: the benchmark keeps below the approval threshold.");
            ids.Add(result.Withdrawal.Id);
        }
        return ids;
    }

    private static string WalletAddress()
    {
        var address81 = System.Security.Cryptography.RandomNumberGenerator.GetString(Trytes.Alphabet, 80)
            + AddressRules.ValidLastTrytes[System.Security.Cryptography.RandomNumberGenerator.GetInt32(AddressRules.ValidLastTrytes.Length)];
        return AddressChecksum.Add(address81);
    }
}
