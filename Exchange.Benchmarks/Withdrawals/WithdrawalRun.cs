using System.Diagnostics;
using Exchange.Benchmarks.Harness;
using Exchange.Benchmarks.Serving;
using Exchange.Core.Sweeps;
using Exchange.Core.Withdrawals;

namespace Exchange.Benchmarks.Withdrawals;

/// <summary>What following the withdrawals to Completed took.</summary>
internal sealed record WithdrawalFigures(int Withdrawals, int Completed, TimeSpan Wall, int Rounds, IReadOnlyDictionary<string, int> HubCalls);

/// <summary>
/// The exchange's withdrawal job and sweep-monitor job, run back to back as their triggers would,
/// with Hub's sweep and attachment services ticking between rounds, until every withdrawal is
/// Completed (or nothing has moved for a while).
/// </summary>
internal static class WithdrawalRun
{
    private const int QuietRoundsToStop = 20;

    public static async Task<WithdrawalFigures> RunAsync(IServiceProvider services, EmulatorProcess emulator, HubCallCounter counter, int withdrawals)
    {
        var processor = services.GetRequiredService<WithdrawalProcessor>();
        var monitor = services.GetRequiredService<SweepMonitor>();
        var queries = services.GetRequiredService<WithdrawalQueries>();
        counter.Reset();
        var clock = Stopwatch.StartNew();
        int completed = 0, rounds = 0;
        string? lastStates = null;
        for (var quiet = 0; completed < withdrawals && quiet < QuietRoundsToStop; rounds++)
        {
            await processor.RunAsync();
            await monitor.RunAsync();
            // A sweep, its first attachment, then (ConfirmationDelay 0) its confirmation.
            foreach (var tick in new[] { "sweep", "attachment", "attachment" }) await emulator.TickAsync(tick);
            var states = await queries.CountByStateAsync();
            completed = states.GetValueOrDefault(WithdrawalState.Completed);
            var described = string.Join(",", states.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}"));
            quiet = described == lastStates ? quiet + 1 : 0;
            lastStates = described;
        }
        clock.Stop();
        return new WithdrawalFigures(withdrawals, completed, clock.Elapsed, rounds, counter.ByCommand);
    }
}
