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

    [Fact]
    public async Task A_coin_price_lowering_shows_each_setting_before_and_after_and_the_second_operators_approval_applies_it()
    {
        var asked = await Core.Get<CoinSettings>().UpdateAsync(new OperatorCredentials(OperatorSteps.Operator, Core.Code(firstKey)), CoinSymbols.Iota,
            new CoinRules("0.5", "0.001", "2000", "100", "4000"), Token);
        var page = RenderAs(ApprovalSteps.Second);

        var request = $"[data-request='{asked.RequestId}']";
        page.WaitForAssertion(() => Assert.StartsWith("Coin settings: IOTA: price $1 → $0.5", page.Find(request).TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal([["price", "$1", "$0.5"], ["daily limit", "1000 MIOTA", "2000 MIOTA"]],
            page.FindAll($"{request} tr[data-setting]").Select(row => row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToArray());
        await page.Find("[data-field='step-up-code']").InputAsync(new ChangeEventArgs { Value = Core.Code(secondKey) });
        await page.Find($"{request} input").ChangeAsync(new ChangeEventArgs { Value = "Matches the market" });
        await page.Find("[data-action='approve']").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("IOTA saved: price $1 → $0.5, daily limit 1000 MIOTA → 2000 MIOTA.", page.Find("[data-field='approvals-message']").TextContent.Trim()));
        var iota = (await Core.Get<CoinSettings>().AllAsync(Token)).Single(c => c.Symbol == CoinSymbols.Iota);
        Assert.Equal((0.5m, 2_000_000_000L), (iota.UsdPrice, iota.DailyWithdrawalLimit));
    }
}
