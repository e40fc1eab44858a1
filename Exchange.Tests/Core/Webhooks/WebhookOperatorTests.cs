using Exchange.Core.Accounts;
using Exchange.Core.Notices;
using Exchange.Core.Operations;
using Exchange.Core.Webhooks;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Tests.Core.Webhooks;

/// <summary>The operators' endpoints: registered by an operator with the step-up code, they hear the operators' events and no user's.</summary>
public class WebhookOperatorTests : WebhookTest
{
    private const string Ops = "ops";

    private async Task<SteppedUpOperator> OperatorAsync()
    {
        var ops = await Database.OperatorWithTwoFactorAsync(Ops, "ops@example.com");
        await using var db = Database.NewContext();
        var role = new IdentityRole(Roles.Operator) { NormalizedName = Roles.Operator.ToUpperInvariant() };
        db.Roles.Add(role);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = ops.Id, RoleId = role.Id });
        await db.SaveChangesAsync(Token);
        return ops;
    }

    private Task<WebhookChange> RegisterForOperatorsAsync(string userId, string? code, WebhookReceiver receiver, IReadOnlyCollection<string> events) =>
        Database.Get<WebhookEndpoints>().CreateAsync(new WebhookActor(userId, WebhookAudience.Operators, code), new WebhookRegistration(receiver.Url("/ops"), "pager", events), Token);

    [Fact]
    public async Task An_operators_endpoint_hears_alerts_approvals_and_confirmed_sweeps_signed_and_none_of_a_users_events()
    {
        var ops = await OperatorAsync();
        await using var pager = await WebhookReceiver.StartAsync(Database.Time);
        var registered = await RegisterForOperatorsAsync(ops.Id, ops.WithCode().TwoFactorCode, pager, WebhookEvents.ForOperators);
        Assert.True(registered.Succeeded, registered.Problem);
        pager.Secrets.Add(registered.Secret!);
        await RegisterAsync(Receiver);

        var alerts = Database.Get<AlertMonitor>();
        await alerts.RecordAsync([new OperatorAlert("hub.down", "IOTA Hub does not answer.")], Token);
        await alerts.RecordAsync([], Token);
        await AddNoticeAsync(NoticeTypes.ApprovalRequested, new NoticeData().With("summary", "A manual credit of 5 MIOTA").With("kind", "ManualAdjustment"), user: null);
        await AddNoticeAsync(NoticeTypes.ApprovalDecided, new NoticeData().With("request", 7).With("decision", "approved"), user: null);
        await AddNoticeAsync(NoticeTypes.SweepConfirmed, new NoticeData().With("bundle", "SWEEPBUNDLE").With("withdrawals", 2), user: null);
        await AddNoticeAsync(NoticeTypes.DepositCredited, Credited(1_000_000));
        await DeliverAsync();

        Assert.Equal(["alert.closed", "alert.opened", "approval.decided", "approval.requested", "sweep.confirmed"], pager.Received.Select(r => r.Type).Order());
        Assert.All(pager.Received, r => Assert.True(r.Verified, $"the signature of {r.Body} did not verify"));
        var opened = pager.Received.Single(r => r.Type == "alert.opened");
        Assert.Equal(("hub.down", "IOTA Hub does not answer."), (opened.Data("alert"), opened.Data("text")));
        Assert.Equal("SWEEPBUNDLE", pager.Received.Single(r => r.Type == "sweep.confirmed").Data("bundle"));
        Assert.Equal(["deposit.credited"], Receiver.Received.Select(r => r.Type));
    }

    [Fact]
    public async Task Only_an_operator_giving_the_current_code_registers_an_endpoint_for_the_operators_events()
    {
        var ops = await OperatorAsync();
        await Database.EnableTwoFactorAsync(Alice);

        var byUser = await RegisterForOperatorsAsync(Alice, null, Receiver, [NoticeTypes.AlertOpened.Name]);
        var withoutCode = await RegisterForOperatorsAsync(ops.Id, null, Receiver, [NoticeTypes.AlertOpened.Name]);
        var usersEvent = await RegisterForOperatorsAsync(ops.Id, ops.WithCode().TwoFactorCode, Receiver, [NoticeTypes.DepositCredited.Name]);

        Assert.Equal("Only operators can register endpoints for the operators' events.", byUser.Problem);
        Assert.Equal(WebhookRefusal.Code, withoutCode.Refusal);
        Assert.StartsWith("Unknown event type 'deposit.credited'. Event types: sweep.confirmed, alert.opened", usersEvent.Problem, StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.False(await db.WebhookEndpoints.AnyAsync(Token));
    }
}
