using Bunit;
using Exchange.Core.Deposits;
using Exchange.Core.Events;
using Exchange.Core.HubSync;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Components.Pages.Dashboard;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Dashboard;

/// <summary>The dashboard over the real Core services, database and a Hub emulator, as a balance check credits deposits.</summary>
public class DashboardUpdateTests : CoreComponentTest
{
    private readonly CountedEvents deliveries = new();

    protected override bool WithHub => true;

    // The components hear Core's own event hub through a counter of what reaches them.
    protected override void Configure(IServiceCollection services)
    {
        base.Configure(services);
        deliveries.Inner = Core.Get<IExchangeEvents>();
        services.AddSingleton<IExchangeEvents>(deliveries);
    }

    private async Task DepositAndSweepAsync(string user, params long[] amounts)
    {
        foreach (var amount in amounts)
        {
            var request = await Core.Get<DepositAddressService>().RequestAsync(user, Token);
            Assert.True(request.Succeeded, request.Problem);
            await Hub!.DepositAsync(request.Address!.Address, amount);
        }
        await Hub!.TickAsync("monitor");
        await Hub.TickAsync("sweep");
    }

    [Fact]
    public async Task A_balance_check_crediting_two_deposits_reaches_each_dashboard_part_once_and_re_renders_it_once()
    {
        await DepositAndSweepAsync("alice", 2_000_000, 1_000_000);
        var sheet = Render<BalanceSheet>(p => p.Add(s => s.UserId, "alice"));
        var activity = Render<RecentActivity>(p => p.Add(s => s.UserId, "alice"));
        sheet.WaitForAssertion(() => sheet.Find("#balances"));
        activity.WaitForAssertion(() => activity.Find("[data-field='nothing-yet']"));
        var activityRenders = activity.RenderCount;

        await Core.Get<BalanceSync>().RunAsync(Token);

        sheet.WaitForAssertion(() => Assert.Equal("3 MIOTA", sheet.Find("td[data-coin='MIOTA'] ~ td[data-field='available']").TextContent));
        activity.WaitForAssertion(() => Assert.Equal(2, activity.FindAll("#history [data-field='kind']").Count));
        await Task.Delay(300, Token);
        Assert.Equal(2, deliveries.Count);
        Assert.Equal(activityRenders + 1, activity.RenderCount);
    }

    [Fact]
    public async Task A_newcomers_dashboard_points_to_the_deposit_page_until_the_first_deposit_is_credited()
    {
        var activity = Render<RecentActivity>(p => p.Add(s => s.UserId, "alice"));

        var pointer = activity.WaitForElement("[data-field='nothing-yet']");
        Assert.Contains("Nothing has happened in your account yet.", pointer.TextContent);
        Assert.Equal("deposit", pointer.QuerySelector("a")!.GetAttribute("href"));

        await DepositAndSweepAsync("alice", 2_000_000);
        await Core.Get<BalanceSync>().RunAsync(Token);

        activity.WaitForAssertion(() => Assert.Equal("Deposit credited", activity.Find("#history [data-field='kind']").TextContent));
        Assert.Empty(activity.FindAll("[data-field='nothing-yet']"));
    }

    private sealed class CountedEvents : IExchangeEvents
    {
        private int count;

        public IExchangeEvents Inner { get; set; } = null!;
        public int Count => Volatile.Read(ref count);

        public void Publish(ExchangeEvent exchangeEvent) => Inner.Publish(exchangeEvent);

        public IDisposable Subscribe(Func<ExchangeEvent, bool> filter, Func<ExchangeEvent, Task> handler) =>
            Inner.Subscribe(filter, e =>
            {
                Interlocked.Increment(ref count);
                return handler(e);
            });

        public Task<T> WaitNextAsync<T>(Func<T, bool> predicate, CancellationToken cancellationToken) where T : ExchangeEvent =>
            Inner.WaitNextAsync(predicate, cancellationToken);
    }
}
