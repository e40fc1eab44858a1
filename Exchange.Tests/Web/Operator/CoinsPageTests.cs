using System.Security.Claims;
using Bunit;
using Exchange.Core.Accounts;
using Exchange.Core.Approvals;
using Exchange.Core.Coins;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Components.Pages.Operator.Coins;
using Microsoft.AspNetCore.Components;

namespace Exchange.Tests.Web.Operator;

/// <summary>The Coins page: a change that loosens a rule is said to wait, and shows as waiting until a second operator decides it.</summary>
public class CoinsPageTests : CoreComponentTest
{
    private string firstKey = "", secondKey = "";
    private Bunit.TestDoubles.BunitAuthorizationContext authorization = null!;

    protected override void Configure(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
        base.Configure(services);
        authorization = AddAuthorization();
    }

    protected override async Task SeedAsync()
    {
        firstKey = await Core.AddOperatorAsync(OperatorSteps.Operator, OperatorSteps.OperatorEmail);
        secondKey = await Core.AddOperatorAsync(ApprovalSteps.Second, ApprovalSteps.SecondEmail);
    }

    [Fact]
    public async Task A_price_lowered_on_the_page_is_said_to_wait_and_shows_as_waiting_until_a_second_operator_approves_it()
    {
        authorization.SetAuthorized(OperatorSteps.Operator).SetRoles(Roles.Operator).SetClaims(new Claim(ClaimTypes.NameIdentifier, OperatorSteps.Operator));
        var page = Render<CoinsPage>();
        page.WaitForAssertion(() => page.Find("[data-coin='MIOTA']"));

        await page.FindAll("[data-coin='MIOTA'] input")[0].ChangeAsync(new ChangeEventArgs { Value = "0.1" });
        await page.Find("[data-coin='MIOTA'] [data-field='step-up-code']").InputAsync(new ChangeEventArgs { Value = Core.Code(firstKey) });
        await page.FindAll("[data-coin='MIOTA'] button").Single(b => b.TextContent.Trim() == "Save MIOTA").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("Waiting for a second operator to approve: IOTA: price $0.27 → $0.1.",
            page.Find("[data-coin='MIOTA'] [data-field='coin-message']").TextContent.Trim()));
        page.WaitForAssertion(() => Assert.EndsWith("IOTA: price $0.27 → $0.1", page.Find("[data-pending-change='MIOTA']").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal(0.27m, (await Core.Get<CoinSettings>().AllAsync(Token)).Single(c => c.Symbol == CoinSymbols.Iota).UsdPrice);

        var request = Assert.Single(await Core.Get<ApprovalQueue>().PendingAsync(Token));
        Assert.True((await Core.Get<ApprovalQueue>().ApproveAsync(request.Id, ApprovalSteps.Second, Core.Code(secondKey), "Market price", Token)).Succeeded);

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-pending-change]")));
    }
}
