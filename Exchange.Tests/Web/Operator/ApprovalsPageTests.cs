using System.Security.Claims;
using Bunit;
using Exchange.Core.Accounts;
using Exchange.Core.Coins;
using Exchange.Core.Ledger;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Components.Pages.Operator.Approvals;
using Microsoft.AspNetCore.Components;

namespace Exchange.Tests.Web.Operator;

/// <summary>The Approvals page: a second operator sees what waits, live, and approves it with a code and a reason.</summary>
public class ApprovalsPageTests : CoreComponentTest
{
    private const string Ann = "user-ann";
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
        await Core.AddUserAsync(Ann, "ann@example.com");
        await Core.PriceAsync(CoinSymbols.Iota, 1m);
    }

    private IRenderedComponent<ApprovalsPage> RenderAs(string operatorId)
    {
        authorization.SetAuthorized(operatorId).SetRoles(Roles.Operator).SetClaims(new Claim(ClaimTypes.NameIdentifier, operatorId));
        return Render<ApprovalsPage>();
    }

    private Task<OperatorResult> AskAsync() => Core.Get<UserAdministration>().AdjustAsync(
        new ManualAdjustment(OperatorSteps.Operator, Ann, CoinSymbols.Iota, AdjustmentDirection.Credit, "1500", "Refund of ticket 7", Core.Code(firstKey)), Token);

    [Fact]
    public async Task A_request_appears_live_and_the_second_operators_approval_applies_it()
    {
        var page = RenderAs(ApprovalSteps.Second);
        Assert.NotNull(page.Find("[data-field='approvals-empty']"));

        var asked = await AskAsync();

        page.WaitForAssertion(() => Assert.Contains("credit 1500 MIOTA to ann@example.com", page.Find($"[data-request='{asked.RequestId}']").TextContent));
        Assert.Contains(OperatorSteps.OperatorEmail, page.Find($"[data-request='{asked.RequestId}']").TextContent);
        await page.Find("[data-field='step-up-code']").InputAsync(new ChangeEventArgs { Value = Core.Code(secondKey) });
        await page.Find($"[data-request='{asked.RequestId}'] input").ChangeAsync(new ChangeEventArgs { Value = "Ticket checked" });
        await page.Find("[data-action='approve']").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("Credited 1500 MIOTA; 1500 MIOTA available now.", page.Find("[data-field='approvals-message']").TextContent.Trim()));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-field='approvals-empty']")));
        Assert.Single(await Core.EntriesAsync(Ann), e => e.Kind == LedgerEntryKind.Manual);
    }

    [Fact]
    public async Task The_requester_is_told_a_second_operator_must_decide()
    {
        var asked = await AskAsync();
        var page = RenderAs(OperatorSteps.Operator);

        await page.Find("[data-field='step-up-code']").InputAsync(new ChangeEventArgs { Value = Core.Code(firstKey) });
        await page.Find($"[data-request='{asked.RequestId}'] input").ChangeAsync(new ChangeEventArgs { Value = "Mine" });
        await page.Find("[data-action='approve']").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal(Exchange.Core.Approvals.ApprovalQueue.OwnRequest, page.Find("[data-field='approvals-message']").TextContent.Trim()));
        Assert.Equal((0L, 0L), await Core.BalanceAsync(Ann));
    }
}
