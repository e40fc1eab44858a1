using Bunit;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Components.Pages.Deposit;
using Exchange.Web.Security;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Exchange.Tests.Web.Deposit;

/// <summary>The deposit page's "new address" button shares the API's per-user limit and says how long to wait.</summary>
public sealed class DepositAddressLimitTests : CoreComponentTest
{
    protected override void Configure(IServiceCollection services)
    {
        base.Configure(services);
        services.AddSingleton(new RateLimitGate(Options.Create(new SecurityOptions { RateLimits = { DepositAddressesPerHour = 1 } })));
    }

    [Fact]
    public async Task Asking_for_addresses_too_often_says_how_long_to_wait()
    {
        var panel = Render<IotaDepositPanel>(p => p.Add(c => c.UserId, "alice"));
        // No Hub is reachable here: the first request is allowed and fails, which leaves the button for a second one.
        await panel.Find("button").ClickAsync(new MouseEventArgs());
        panel.WaitForAssertion(() => Assert.Contains("Request one", panel.Find("button").TextContent));

        await panel.Find("button").ClickAsync(new MouseEventArgs());

        panel.WaitForAssertion(() => Assert.Contains("You asked for many new deposit addresses in a short time. Please wait 60 minutes and try again.", panel.Markup));
    }
}
