using Exchange.Core.Deposits;
using Exchange.Core.HubSync;
using Exchange.Core.Jobs;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Exchange.Tests.Core.Jobs;

/// <summary>What the jobs write to the log: a run that moved something on is one line; a run that found nothing says nothing.</summary>
public class JobLogTests : HubSyncTest
{
    protected override void ConfigureExchange(IServiceCollection services) => services.AddLogging(l => l.AddFakeLogging());

    [Fact]
    public async Task A_balance_check_that_credits_a_deposit_logs_one_line_and_the_idle_runs_around_it_log_nothing()
    {
        var address = (await Exchange.Get<DepositAddressService>().RequestAsync("alice", Token)).Address!.Address;
        await RunBalanceCheckAsync();

        await Hub.DepositAsync(address, 12_000_000);
        await Hub.TickAsync("monitor");
        await Hub.TickAsync("sweep");
        await RunBalanceCheckAsync();
        await RunBalanceCheckAsync(); // reads the last seconds again (the cursor's lag): the same events, nothing new

        var lines = Exchange.Services.GetFakeLogCollector().GetSnapshot()
            .Where(r => r.Category == typeof(JobRunner).FullName && r.Level >= LogLevel.Information).Select(r => r.Message);
        var line = Assert.Single(lines);
        Assert.StartsWith("Job balance-check: ", line, StringComparison.Ordinal);
        Assert.Contains("1 deposits seen, 1 credited (12 MIOTA)", line, StringComparison.Ordinal);
    }

    private async Task RunBalanceCheckAsync() =>
        Assert.Equal(JobOutcome.Succeeded, await Exchange.Get<JobRunner>().RunAsync("balance-check", Exchange.Get<BalanceSync>().RunAsync, force: true, Token));
}
