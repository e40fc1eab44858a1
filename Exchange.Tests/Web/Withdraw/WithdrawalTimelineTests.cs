using Bunit;
using Exchange.Core.Withdrawals;
using Exchange.Web.Components.Pages.Withdraw;
using MudBlazor.Services;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Web.Withdraw;

[Fast]
public class WithdrawalTimelineTests : BunitContext
{
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    public WithdrawalTimelineTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public static TheoryData<WithdrawalState, string, string> States() => new()
    {
        { WithdrawalState.AwaitingApproval, "approval", "Awaiting an operator's approval" },
        { WithdrawalState.Approved, "submitted", "Being sent to IOTA Hub" },
        { WithdrawalState.Unknown, "submitted", "Checking with IOTA Hub" },
        { WithdrawalState.Submitted, "swept", "Waiting for IOTA Hub's next sweep" },
        { WithdrawalState.Swept, "confirmed", "Waiting for confirmation on the Tangle" },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void The_current_step_says_what_the_withdrawal_waits_for(WithdrawalState state, string step, string label)
    {
        var timeline = Render<WithdrawalTimeline>(p => p.Add(t => t.Withdrawal, InState(state)));

        var current = timeline.Find("li.current");
        Assert.Equal(step, current.GetAttribute("data-step"));
        Assert.Equal(label, current.TextContent.Trim());
    }

    [Fact]
    public void A_completed_withdrawal_has_every_step_done()
    {
        var timeline = Render<WithdrawalTimeline>(p => p.Add(t => t.Withdrawal, InState(WithdrawalState.Completed)));

        Assert.Empty(timeline.FindAll("li.current, li.pending"));
        Assert.Equal("Confirmed on the Tangle", timeline.Find("li[data-step='confirmed']").TextContent.Trim());
    }

    [Theory]
    [InlineData(WithdrawalState.Failed, "failed", "Failed, amount returned to your balance", "IOTA Hub refused the withdrawal: Address was already spent.")]
    [InlineData(WithdrawalState.Cancelled, "cancelled", "Cancelled, amount returned to your balance", "Cancelled by you.")]
    public void A_stopped_withdrawal_says_so_and_why(WithdrawalState state, string step, string label, string reason)
    {
        var timeline = Render<WithdrawalTimeline>(p => p.Add(t => t.Withdrawal, InState(state)));

        Assert.Equal(label, timeline.Find($"li[data-step='{step}']").TextContent.Trim());
        Assert.Equal(reason, timeline.Find("[data-field='reason']").TextContent.Trim());
    }

    [Fact]
    public void A_submitted_withdrawal_whose_cancel_is_being_settled_says_cancelling()
    {
        var cancelling = InState(WithdrawalState.Submitted);
        cancelling.RequestCancel(Now);

        var timeline = Render<WithdrawalTimeline>(p => p.Add(t => t.Withdrawal, cancelling));

        var current = timeline.Find("li.current");
        Assert.Equal(("cancelling", "Cancelling… (checking with IOTA Hub)"), (current.GetAttribute("data-step"), current.TextContent.Trim()));
        Assert.Empty(timeline.FindAll("li[data-step='swept']"));
    }

    private static Withdrawal InState(WithdrawalState state)
    {
        var w = Withdrawal.Request("alice", "MIOTA", 1_000_000, "ADDRESS", Now);
        if (state == WithdrawalState.AwaitingApproval) { w.HoldForApproval(Now); return w; }
        if (state == WithdrawalState.Cancelled) { w.Cancel("Cancelled by you.", Now); return w; }
        w.Approve(null, Now);
        if (state == WithdrawalState.Approved) return w;
        w.BeginSubmit(Now);
        if (state == WithdrawalState.Failed) { w.Fail("IOTA Hub refused the withdrawal: Address was already spent.", w.SubmitAttempt, Now); return w; }
        if (state == WithdrawalState.Unknown) { w.MarkUnknown(w.SubmitAttempt, Now); return w; }
        w.MarkSubmitted("0b5e7f0e-4c2d-4a8b-9a55-0c5d2a1b3c4d", w.SubmitAttempt, Now);
        if (state == WithdrawalState.Submitted) return w;
        w.MarkSwept(new string('B', 81), Now);
        if (state == WithdrawalState.Swept) return w;
        w.Complete(Now);
        return w;
    }
}
