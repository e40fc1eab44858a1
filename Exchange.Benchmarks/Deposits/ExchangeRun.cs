using System.Diagnostics;
using Exchange.Benchmarks.Harness;
using Exchange.Core.Data;
using Exchange.Core.HubSync;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Benchmarks.Deposits;

/// <summary>
/// The exchange's own way, timed: the balance check (as its job runs it) until every seeded deposit
/// is credited, then one hot-wallet sweep. Both go through Core's public services only.
/// </summary>
internal static class ExchangeRun
{
    // Runs that neither credit, see, nor move the cursor: the backlog is done (or stuck).
    private const int QuietRunsToStop = 3;

    public static async Task<RunFigures> RunAsync(IServiceProvider services, HubCallCounter counter, long users, long deposits)
    {
        var sync = services.GetRequiredService<BalanceSync>();
        var sweeper = services.GetRequiredService<HotWalletSweeper>();
        counter.Reset();
        await using var memory = WorkingSetSampler.Start();
        var clock = Stopwatch.StartNew();
        long events = 0, credited = 0, amount = 0, cursor = 0;
        for (var quiet = 0; credited < deposits && quiet < QuietRunsToStop;)
        {
            var run = await sync.RunAsync();
            (events, credited, amount) = (events + run.EventsRead, credited + run.DepositsCredited, amount + run.AmountCredited);
            var reached = await CursorAsync(services);
            quiet = run.DepositsCredited > 0 || run.DepositsSeen > 0 || reached > cursor ? 0 : quiet + 1;
            cursor = reached;
        }
        var crediting = clock.Elapsed;
        var moved = (await sweeper.RunAsync()).AmountMoved;
        var moving = clock.Elapsed - crediting;
        var calls = counter.Total;
        return new RunFigures("exchange", users, deposits, credited, amount, moved, events, crediting, moving, calls, await memory.StopAsync());
    }

    /// <summary>One balance check and one sweep over the still empty Hub, so that start-up costs (the JIT, EF's model) are not timed.</summary>
    public static async Task WarmUpAsync(IServiceProvider services)
    {
        await services.GetRequiredService<BalanceSync>().RunAsync();
        await services.GetRequiredService<HotWalletSweeper>().RunAsync();
        await CursorAsync(services);
    }

    private static async Task<long> CursorAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<ExchangeDbContext>>().CreateDbContextAsync();
        return await db.HubCursors.Where(c => c.Name == BalanceSync.CursorName).Select(c => c.Timestamp).FirstOrDefaultAsync();
    }
}
