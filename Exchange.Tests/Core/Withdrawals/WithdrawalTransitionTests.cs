using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Core.Withdrawals;

/// <summary>Every transition of the state machine from every state: the legal ones move, the rest change nothing.</summary>
[Fast]
public class WithdrawalTransitionTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    private static readonly Dictionary<string, (Func<Withdrawal, bool> Move, WithdrawalState To, WithdrawalState[] From)> Transitions = new()
    {
        ["HoldForApproval"] = (w => w.HoldForApproval(Now), WithdrawalState.AwaitingApproval, [WithdrawalState.Requested]),
        ["Approve"] = (w => w.Approve("ops", Now), WithdrawalState.Approved, [WithdrawalState.Requested, WithdrawalState.AwaitingApproval]),
        ["BeginSubmit"] = (w => w.BeginSubmit(Now), WithdrawalState.Submitting, [WithdrawalState.Approved]),
        ["MarkSubmitted"] = (w => w.MarkSubmitted("0b5e7f0e-4c2d-4a8b-9a55-0c5d2a1b3c4d", w.SubmitAttempt, Now), WithdrawalState.Submitted, [WithdrawalState.Submitting, WithdrawalState.Unknown]),
        ["MarkUnknown"] = (w => w.MarkUnknown(w.SubmitAttempt, Now), WithdrawalState.Unknown, [WithdrawalState.Submitting]),
        ["ReturnToApproved"] = (w => w.ReturnToApproved(w.SubmitAttempt, Now), WithdrawalState.Approved, [WithdrawalState.Unknown]),
        ["Requeue"] = (w => w.Requeue("Waiting for hot-wallet funds", w.SubmitAttempt, Now), WithdrawalState.Approved, [WithdrawalState.Submitting]),
        ["MarkSwept"] = (w => w.MarkSwept(new string('A', 81), Now), WithdrawalState.Swept, [WithdrawalState.Submitted]),
        ["Complete"] = (w => w.Complete(Now), WithdrawalState.Completed, [WithdrawalState.Swept]),
        ["Cancel"] = (w => w.Cancel("Cancelled by you.", Now), WithdrawalState.Cancelled,
            [WithdrawalState.Requested, WithdrawalState.AwaitingApproval, WithdrawalState.Approved, WithdrawalState.Submitted]),
        ["Fail"] = (w => w.Fail("Invalid address", w.SubmitAttempt, Now), WithdrawalState.Failed, [WithdrawalState.Approved, WithdrawalState.Submitting]),
    };

    public static TheoryData<string, WithdrawalState> EveryTransitionFromEveryState()
    {
        var data = new TheoryData<string, WithdrawalState>();
        foreach (var name in Transitions.Keys)
            foreach (var state in Enum.GetValues<WithdrawalState>())
                data.Add(name, state);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryTransitionFromEveryState))]
    public void A_transition_moves_only_from_the_states_it_is_allowed_from(string transition, WithdrawalState from)
    {
        var (move, to, allowedFrom) = Transitions[transition];
        var withdrawal = InState(from);
        var versionBefore = withdrawal.Version;

        var moved = move(withdrawal);

        Assert.Equal(allowedFrom.Contains(from), moved);
        Assert.Equal(moved ? to : from, withdrawal.State);
        Assert.Equal(moved ? versionBefore + 1 : versionBefore, withdrawal.Version);
    }

    [Fact]
    public void Final_states_allow_no_transition_at_all()
    {
        foreach (var final in Enum.GetValues<WithdrawalState>().Where(s => s.IsFinal()))
            Assert.All(Transitions.Values, t => Assert.False(t.Move(InState(final))));
    }

    [Fact]
    public void Submitting_needs_a_hub_uuid_and_sweeping_a_bundle_hash()
    {
        Assert.False(InState(WithdrawalState.Submitting).MarkSubmitted(" ", 1, Now));
        Assert.False(InState(WithdrawalState.Submitted).MarkSwept("", Now));
    }

    [Fact]
    public void A_failure_keeps_hubs_reason_for_the_user()
    {
        var withdrawal = InState(WithdrawalState.Submitting);
        withdrawal.Fail("Hub refused the address: Address was already spent", withdrawal.SubmitAttempt, Now);
        Assert.Equal("Hub refused the address: Address was already spent", withdrawal.Reason);
    }

    // The transitions an attempt at Hub's UserWithdraw (or the reconciliation of its outcome) makes, given the attempt's number.
    private static readonly Dictionary<string, (Func<Withdrawal, int, bool> Move, WithdrawalState From)> AttemptTransitions = new()
    {
        ["MarkSubmitted"] = ((w, attempt) => w.MarkSubmitted("0b5e7f0e-4c2d-4a8b-9a55-0c5d2a1b3c4d", attempt, Now), WithdrawalState.Submitting),
        ["MarkSubmitted from Unknown"] = ((w, attempt) => w.MarkSubmitted("0b5e7f0e-4c2d-4a8b-9a55-0c5d2a1b3c4d", attempt, Now), WithdrawalState.Unknown),
        ["MarkUnknown"] = ((w, attempt) => w.MarkUnknown(attempt, Now), WithdrawalState.Submitting),
        ["Requeue"] = ((w, attempt) => w.Requeue("Waiting for hot-wallet funds", attempt, Now), WithdrawalState.Submitting),
        ["Fail"] = ((w, attempt) => w.Fail("Invalid address", attempt, Now), WithdrawalState.Submitting),
        ["ReturnToApproved"] = ((w, attempt) => w.ReturnToApproved(attempt, Now), WithdrawalState.Unknown),
    };

    public static TheoryData<string> EveryAttemptTransition() => [.. AttemptTransitions.Keys];

    [Theory]
    [MemberData(nameof(EveryAttemptTransition))]
    public void An_attempt_overtaken_by_a_newer_one_moves_nothing_while_the_newer_attempt_moves(string transition)
    {
        var (move, from) = AttemptTransitions[transition];
        var withdrawal = InState(from);
        var newer = SentAgain(withdrawal);
        var versionBefore = withdrawal.Version;

        var staleMoved = move(withdrawal, newer - 1);
        var afterStale = (withdrawal.State, withdrawal.Version, withdrawal.HubUuid);
        var newerMoved = move(withdrawal, newer);

        Assert.Equal((false, (from, versionBefore, (string?)null)), (staleMoved, afterStale));
        Assert.True(newerMoved);
    }

    [Fact]
    public void Each_time_a_withdrawal_is_marked_submitting_is_a_new_attempt()
    {
        var withdrawal = InState(WithdrawalState.Approved);

        var attempts = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            withdrawal.BeginSubmit(Now);
            attempts.Add(withdrawal.SubmitAttempt);
            withdrawal.Requeue("Waiting for hot-wallet funds", withdrawal.SubmitAttempt, Now);
        }

        Assert.Equal([1, 2, 3], attempts);
    }

    // The withdrawal judged unknown and sent again, back in the state it was in: a newer attempt now owns it. Returns its number.
    private static int SentAgain(Withdrawal w)
    {
        var state = w.State;
        if (state == WithdrawalState.Submitting) Assert.True(w.MarkUnknown(w.SubmitAttempt, Now));
        Assert.True(w.ReturnToApproved(w.SubmitAttempt, Now));
        Assert.True(w.BeginSubmit(Now));
        if (state == WithdrawalState.Unknown) Assert.True(w.MarkUnknown(w.SubmitAttempt, Now));
        Assert.Equal(state, w.State);
        return w.SubmitAttempt;
    }

    public static TheoryData<WithdrawalState> EveryState() => [.. Enum.GetValues<WithdrawalState>()];

    [Theory]
    [MemberData(nameof(EveryState))]
    public void A_user_may_cancel_until_hub_puts_the_withdrawal_into_a_sweep_and_not_while_its_outcome_is_open(WithdrawalState state)
    {
        var cancellable = state is WithdrawalState.Requested or WithdrawalState.AwaitingApproval or WithdrawalState.Approved or WithdrawalState.Submitted;

        Assert.Equal(cancellable, state.CanBeCancelledByUser());
        Assert.Equal(cancellable, InState(state).Cancel("Cancelled by you.", Now));
    }

    // Walks a new withdrawal (alice's, 1000 base units of MIOTA) along legal transitions to the state wanted.
    internal static Withdrawal InState(WithdrawalState state)
    {
        var w = Withdrawal.Request("alice", "MIOTA", 1_000L, "ADDRESS", Now);
        WithdrawalState[] path = state switch
        {
            WithdrawalState.Requested => [],
            WithdrawalState.AwaitingApproval => [WithdrawalState.AwaitingApproval],
            WithdrawalState.Approved => [WithdrawalState.Approved],
            WithdrawalState.Submitting => [WithdrawalState.Approved, WithdrawalState.Submitting],
            WithdrawalState.Unknown => [WithdrawalState.Approved, WithdrawalState.Submitting, WithdrawalState.Unknown],
            WithdrawalState.Submitted => [WithdrawalState.Approved, WithdrawalState.Submitting, WithdrawalState.Submitted],
            WithdrawalState.Swept => [WithdrawalState.Approved, WithdrawalState.Submitting, WithdrawalState.Submitted, WithdrawalState.Swept],
            WithdrawalState.Completed => [WithdrawalState.Approved, WithdrawalState.Submitting, WithdrawalState.Submitted, WithdrawalState.Swept, WithdrawalState.Completed],
            WithdrawalState.Cancelled => [WithdrawalState.Cancelled],
            WithdrawalState.Failed => [WithdrawalState.Approved, WithdrawalState.Failed],
            _ => throw new ArgumentOutOfRangeException(nameof(state)),
        };
        foreach (var step in path)
            Assert.True(Transitions.Values.First(t => t.To == step).Move(w), $"could not reach {step}");
        Assert.Equal(state, w.State);
        return w;
    }
}
