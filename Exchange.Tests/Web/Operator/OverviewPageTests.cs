using Bunit;
using Exchange.Core.Coins;
using Exchange.Core.Events;
using Exchange.Core.Ledger;
using Exchange.Core.Operations;
using Exchange.Hub.Client;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Components.Pages.Operator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Exchange.Tests.Web.Operator;

/// <summary>Open overview pages over the real Core services, database and a Hub emulator, counting the exchange's calls to Hub.</summary>
public class OverviewPageTests : CoreComponentTest
{
    // One computation reconciles the ledger and calls Hub over HTTP: more than bUnit's default second on a busy machine.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly HubCalls hubCalls = new();

    protected override bool WithHub => true;

    protected override void ConfigureCore(IServiceCollection services)
    {
        services.AddSingleton(hubCalls);
        services.AddTransient<CountingHandler>();
        services.AddHttpClient<IHubClient, HubClient>().AddHttpMessageHandler<CountingHandler>();
    }

    [Fact]
    public async Task Five_open_overviews_through_fifty_job_runs_in_ten_seconds_ask_hub_once_per_refresh_interval_and_all_show_the_news()
    {
        var refresh = Core.Get<IOptions<OperatorOptions>>().Value.OverviewRefresh;
        var pages = Enumerable.Range(0, 5).Select(_ => Render<OperatorOverviewPage>()).ToList();
        foreach (var page in pages) page.WaitForAssertion(() => Assert.Equal("0 MIOTA", page.Find("[data-field='liabilities']").TextContent), Patience);
        Assert.Equal(2, hubCalls.Count);

        await Core.Get<LedgerService>().ApplyAsync(LedgerChange.Deposit("alice", CoinSymbols.Iota, 7_000_000, "bundle", "credit"), Token);
        var elapsed = TimeSpan.Zero;
        for (var second = 0; second < 10; second++)
        {
            for (var run = 0; run < 5; run++) Core.Get<IExchangeEvents>().Publish(new JobRan("balance-check", true, "0 events read"));
            Core.Time.Advance(TimeSpan.FromSeconds(1));
            elapsed += TimeSpan.FromSeconds(1);
            await Task.Delay(50, Token);
        }

        foreach (var page in pages) page.WaitForAssertion(() => Assert.Equal("7 MIOTA", page.Find("[data-field='liabilities']").TextContent), Patience);
        var overviews = hubCalls.Count / 2;
        Assert.InRange(overviews, 2, 1 + (int)(elapsed / refresh) + 1);
    }

    private sealed class HubCalls
    {
        private int count;
        public int Count => Volatile.Read(ref count);
        public void Add() => Interlocked.Increment(ref count);
    }

    private sealed class CountingHandler(HubCalls calls) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            calls.Add();
            return base.SendAsync(request, cancellationToken);
        }
    }
}
