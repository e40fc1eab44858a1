using Bunit;
using Exchange.Core.Coins;
using Exchange.Core.Events;
using Exchange.Core.Ledger;
using Exchange.Core.Sweeps;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Components.Pages.Operator.Sweeps;
using Exchange.Web.Components.Pages.Operator.Withdrawals;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Tests.Web.Operator;

/// <summary>Operator components over the real Core services and database: the sweep table's states and live updates, the approval queue's rules.</summary>
public class OperatorComponentTests : CoreComponentTest
{
    private SteppedUpOperator ops = null!;

    protected override async Task SeedAsync() => ops = await Core.OperatorWithTwoFactorAsync("ops-1");

    /// <summary>Types the operator's current code into the component's two-factor field, as the operator would.</summary>
    private async Task TypeCodeAsync<T>(IRenderedComponent<T> component, string? code = null) where T : Microsoft.AspNetCore.Components.IComponent =>
        await component.Find("input[data-field='step-up-code']").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = code ?? Totp.Next(ops.Key, Core.Time) });

    private const string Bundle = "SWEEPBUNDLE9HASH9999999999999999999999999999999999999999999999999999999999999999";

    [Fact]
    public async Task The_sweep_table_shows_a_waiting_sweep_with_its_contents_and_turns_it_confirmed_on_the_event()
    {
        await using (var db = Core.NewContext())
        {
            var sweep = HubSweep.Seen(Bundle, 1_700_000_000_000, [], DateTime.UtcNow);
            sweep.Update(confirmed: false, tails: 2, transactions: 4, DateTime.UtcNow);
            db.HubSweeps.Add(sweep);
            var deposit = Exchange.Core.Deposits.Deposit.Incoming("alice", CoinSymbols.Iota, null, 7_000_000, "TAIL", DateTime.UtcNow, "key-1");
            deposit.MarkCredited(Bundle, DateTime.UtcNow);
            db.Deposits.Add(deposit);
            await db.SaveChangesAsync(Token);
        }
        var table = Render<SweepTable>();
        var row = $"tr[data-sweep='{Bundle}']";
        table.WaitForAssertion(() => Assert.Equal("Waiting for confirmation", table.Find($"{row} [data-field='state']").TextContent.Trim()));
        Assert.Equal("1 (7 MIOTA)", table.Find($"{row} [data-field='deposits']").TextContent.Trim());
        Assert.Equal("2 (1 reattached)", table.Find($"{row} [data-field='tails']").TextContent.Trim());
        Assert.Contains($"bundle/{Bundle}", table.Find($"{row} a").GetAttribute("href"));

        await using (var db = Core.NewContext())
        {
            var sweep = await db.HubSweeps.SingleAsync(Token);
            sweep.Update(confirmed: true, tails: 2, transactions: 4, DateTime.UtcNow);
            await db.SaveChangesAsync(Token);
        }
        Core.Get<IExchangeEvents>().Publish(new SweepChanged(Bundle));

        table.WaitForAssertion(() => Assert.Equal("Confirmed", table.Find($"{row} [data-field='state']").TextContent.Trim()));
    }

    [Fact]
    public void Before_any_sweep_the_table_says_so()
    {
        var table = Render<SweepTable>();

        table.WaitForAssertion(() => Assert.Equal("Hub has not swept anything yet.", table.Find("[data-field='no-sweeps']").TextContent.Trim()));
    }

    [Fact]
    public async Task Rejecting_a_withdrawal_that_waits_for_approval_needs_a_reason_and_then_refunds_it()
    {
        await Core.Get<LedgerService>().ApplyAsync(LedgerChange.Deposit("alice", CoinSymbols.Iota, 500_000_000, "bundle", "funds"), Token);
        var large = await Core.Get<UserWithdrawalCommands>().RequestAsync(new WithdrawalRequest("alice", CoinSymbols.Iota, "150", TestAddresses.Payout), Token);
        Assert.Equal(WithdrawalState.AwaitingApproval, large.Withdrawal!.State);
        var queue = Render<WithdrawalApprovalQueue>(p => p.Add(q => q.OperatorId, "ops-1"));

        await queue.FindAll("button").Single(b => b.TextContent.Contains("Reject")).ClickAsync(new());
        queue.WaitForAssertion(() => Assert.Equal("A rejection needs a reason the user can read.", queue.Find("[data-field='approval-message']").TextContent.Trim()));
        await queue.Find("[data-approval] input").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "Address flagged by compliance" });
        await TypeCodeAsync(queue);
        await queue.FindAll("button").Single(b => b.TextContent.Contains("Reject")).ClickAsync(new());

        queue.WaitForAssertion(() => queue.Find("[data-field='queue-empty']"));
        var rejected = (await Core.Get<WithdrawalQueries>().ForUserAsync("alice", cancellationToken: Token)).Single();
        Assert.Equal((WithdrawalState.Cancelled, "Rejected by an operator: Address flagged by compliance"), (rejected.State, rejected.Reason));
        Assert.Equal(500_000_000, (await Core.Get<LedgerService>().AccountsOfAsync("alice", Token)).Single().Available);
    }

    [Fact]
    public async Task The_approve_dialog_links_the_user_requires_a_reason_and_then_approves_the_withdrawal_for_the_operator()
    {
        await Core.Get<LedgerService>().ApplyAsync(LedgerChange.Deposit("alice", CoinSymbols.Iota, 500_000_000, "bundle", "funds"), Token);
        await Core.Get<UserWithdrawalCommands>().RequestAsync(new WithdrawalRequest("alice", CoinSymbols.Iota, "150", TestAddresses.Payout), Token);
        var queue = Render<WithdrawalApprovalQueue>(p => p.Add(q => q.OperatorId, "ops-1"));
        Assert.Equal("/operator/users/alice", queue.Find("[data-field='user']").GetAttribute("href"));

        await queue.FindAll("button").Single(b => b.TextContent.Trim() == "Approve").ClickAsync(new());
        await queue.FindAll("[data-field='approve-dialog'] button").Single(b => b.TextContent.Trim() == "Confirm approval").ClickAsync(new());
        queue.WaitForAssertion(() => Assert.Equal("An approval needs a reason for the audit log (what was checked).", queue.Find("[data-field='approval-message']").TextContent.Trim()));
        Assert.Equal(WithdrawalState.AwaitingApproval, (await Core.Get<WithdrawalQueries>().ForUserAsync("alice", cancellationToken: Token)).Single().State);

        await queue.Find("[data-field='approve-dialog'] input").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "Called the user back on the phone number on file" });
        await TypeCodeAsync(queue);
        await queue.FindAll("[data-field='approve-dialog'] button").Single(b => b.TextContent.Trim() == "Confirm approval").ClickAsync(new());

        queue.WaitForAssertion(() => queue.Find("[data-field='queue-empty']"));
        var approved = (await Core.Get<WithdrawalQueries>().ForUserAsync("alice", cancellationToken: Token)).Single();
        Assert.Equal((WithdrawalState.Approved, "ops-1"), (approved.State, approved.ApprovedBy));
        var audit = (await Core.Get<Exchange.Core.Audit.AuditLog>().FindAsync(new(), cancellationToken: Token)).Single();
        Assert.Equal(("Withdrawal approved", "Called the user back on the phone number on file"), (audit.Action, audit.Reason));
    }


    [Fact]
    public async Task A_failed_withdrawal_is_retried_once_and_then_shows_what_it_became()
    {
        await Core.Get<LedgerService>().ApplyAsync(LedgerChange.Deposit("alice", CoinSymbols.Iota, 50_000_000, "bundle", "funds"), Token);
        var hubSteps = Core.Get<HubWithdrawalSteps>();
        var userCommands = Core.Get<UserWithdrawalCommands>();
        var id = (await userCommands.RequestAsync(new WithdrawalRequest("alice", CoinSymbols.Iota, "5", TestAddresses.Payout), Token)).Withdrawal!.Id;
        await hubSteps.BeginSubmitAsync(id, Token);
        await hubSteps.FailAsync(id, attempt: 1, "IOTA Hub refused the withdrawal: Invalid address.", Token);
        var queue = Render<FailedQueue>(p => p.Add(q => q.OperatorId, "ops-1"));

        await TypeCodeAsync(queue);
        await queue.WaitForElement("button").ClickAsync(new());

        queue.WaitForAssertion(() => Assert.Equal($"Sent again as withdrawal {id + 1}.", queue.Find($"[data-failed='{id}'] [data-field='retried']").TextContent.Trim()));
        Assert.Empty(queue.FindAll($"[data-failed='{id}'] button"));
        var retried = await Core.Get<WithdrawalQueries>().FindAsync(id + 1, Token);
        Assert.Equal((WithdrawalState.Approved, 5_000_000L, "ops-1"), (retried!.State, retried.Amount, retried.ApprovedBy));
    }

    [Fact]
    public async Task Locking_a_users_withdrawals_needs_a_reason_and_unlocking_gives_them_back()
    {
        await using (var db = Core.NewContext())
        {
            db.Users.Add(new Exchange.Core.Accounts.ExchangeUser { Id = "alice", UserName = "alice@example.com", Email = "alice@example.com" });
            await db.SaveChangesAsync(Token);
        }
        var changes = 0;
        async Task<IRenderedComponent<Exchange.Web.Components.Pages.Operator.Users.WithdrawalLockPanel>> RenderPanelAsync()
        {
            var user = (await Core.Get<Exchange.Core.Accounts.UserDirectory>().FindAsync("alice", Token))!;
            return Render<Exchange.Web.Components.Pages.Operator.Users.WithdrawalLockPanel>(p => p
                .Add(c => c.User, user)
                .Add(c => c.OperatorId, "ops-1")
                .Add(c => c.Changed, () => changes++));
        }

        var panel = await RenderPanelAsync();
        await panel.FindAll("button").Single(b => b.TextContent.Trim() == "Lock withdrawals").ClickAsync(new());
        panel.WaitForAssertion(() => Assert.Equal("Locking withdrawals needs a reason; the user sees it when they try to withdraw.", panel.Find("[data-field='lock-message']").TextContent.Trim()));
        await panel.Find("input").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "Identity documents expired." });
        await TypeCodeAsync(panel);
        await panel.FindAll("button").Single(b => b.TextContent.Trim() == "Lock withdrawals").ClickAsync(new());
        panel.WaitForAssertion(() => Assert.Equal(1, changes));

        var refused = await Core.Get<WithdrawalValidator>().ValidateAsync(new WithdrawalRequest("alice", CoinSymbols.Iota, "1", TestAddresses.Payout), Token);
        Assert.Equal("Withdrawals are locked on your account: Identity documents expired. Please contact support.", refused.Problems[0].Message);

        var locked = await RenderPanelAsync();
        Assert.Equal("Locked: Identity documents expired.", locked.Find("[data-field='lock-state']").TextContent.Trim());
        await TypeCodeAsync(locked);
        await locked.FindAll("button").Single(b => b.TextContent.Trim() == "Unlock withdrawals").ClickAsync(new());
        locked.WaitForAssertion(() => Assert.Equal(2, changes));
        Assert.False((await Core.Get<Exchange.Core.Accounts.UserDirectory>().FindAsync("alice", Token))!.WithdrawalsLocked);
    }

    [Fact]
    public async Task A_locked_users_held_withdrawal_is_rejected_with_a_reason_and_leaves_the_list()
    {
        await Core.Get<LedgerService>().ApplyAsync(LedgerChange.Deposit("alice", CoinSymbols.Iota, 50_000_000, "bundle", "funds"), Token);
        await Core.Get<UserWithdrawalCommands>().RequestAsync(new WithdrawalRequest("alice", CoinSymbols.Iota, "5", TestAddresses.Payout), Token);
        var held = Render<Exchange.Web.Components.Pages.Operator.Users.HeldWithdrawals>(p => p.Add(c => c.UserId, "alice").Add(c => c.OperatorId, "ops-1"));
        Assert.Contains("5 MIOTA", held.Find("[data-held]").TextContent);

        await held.FindAll("button").Single(b => b.TextContent.Contains("Reject")).ClickAsync(new());
        held.WaitForAssertion(() => Assert.Equal("A rejection needs a reason the user can read.", held.Find("[data-field='held-message']").TextContent.Trim()));
        await held.Find("[data-held] input").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "Account under review" });
        await TypeCodeAsync(held);
        await held.FindAll("button").Single(b => b.TextContent.Contains("Reject")).ClickAsync(new());

        held.WaitForAssertion(() => Assert.Empty(held.FindAll("#held-withdrawals")));
        Assert.Equal(50_000_000, (await Core.Get<LedgerService>().AccountsOfAsync("alice", Token)).Single().Available);
    }

    [Fact]
    public async Task The_approval_queue_asks_for_the_two_factor_code_and_a_wrong_one_approves_nothing()
    {
        await Core.Get<LedgerService>().ApplyAsync(LedgerChange.Deposit("alice", CoinSymbols.Iota, 500_000_000, "bundle", "funds"), Token);
        await Core.Get<UserWithdrawalCommands>().RequestAsync(new WithdrawalRequest("alice", CoinSymbols.Iota, "150", TestAddresses.Payout), Token);
        var queue = Render<WithdrawalApprovalQueue>(p => p.Add(q => q.OperatorId, "ops-1"));
        var code = queue.Find("input[data-field='step-up-code']");
        Assert.Equal(("numeric", "one-time-code", "6"), (code.GetAttribute("inputmode"), code.GetAttribute("autocomplete"), code.GetAttribute("maxlength")));
        Assert.Contains("Two-factor code", queue.Markup);

        await queue.FindAll("button").Single(b => b.TextContent.Trim() == "Approve").ClickAsync(new());
        await queue.Find("[data-field='approve-dialog'] input").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "Checked the address" });
        await TypeCodeAsync(queue, "000000");
        await queue.FindAll("[data-field='approve-dialog'] button").Single(b => b.TextContent.Trim() == "Confirm approval").ClickAsync(new());

        queue.WaitForAssertion(() => Assert.Equal("The two-factor code is not right, or it was already used. Enter the current code from your authenticator app.",
            queue.Find("[data-field='approval-message']").TextContent.Trim()));
        Assert.Equal("", queue.Find("input[data-field='step-up-code']").GetAttribute("value") ?? "");
        Assert.Equal(WithdrawalState.AwaitingApproval, (await Core.Get<WithdrawalQueries>().ForUserAsync("alice", cancellationToken: Token)).Single().State);
    }

    [Fact]
    public async Task An_operator_without_two_factor_sees_one_banner_and_the_queue_closed_but_still_listed()
    {
        await Core.AddUserAsync("op-2", "second@ops.example");
        await Core.Get<LedgerService>().ApplyAsync(LedgerChange.Deposit("alice", CoinSymbols.Iota, 500_000_000, "bundle", "funds"), Token);
        await Core.Get<UserWithdrawalCommands>().RequestAsync(new WithdrawalRequest("alice", CoinSymbols.Iota, "150", TestAddresses.Payout), Token);
        var page = Render<Exchange.Web.Components.Pages.Operator.OperatorActions>(p => p.AddCascadingValue(SignedIn("op-2"))
            .AddChildContent<WithdrawalApprovalQueue>(q => q.Add(c => c.OperatorId, "op-2")));

        page.WaitForAssertion(() => Assert.Equal("Turn on two-factor authentication to act as an operator.",
            page.Find("[data-field='step-up-banner']").TextContent.Trim().Split('\n')[0].Trim()));
        Assert.Equal("/Identity/Account/Manage/TwoFactorAuthentication", page.Find("[data-field='step-up-banner'] a").GetAttribute("href"));
        Assert.True(page.Find("fieldset.connected-form").HasAttribute("disabled"));
        Assert.Single(page.FindAll("[data-approval]"));
    }

    [Fact]
    public void An_operator_with_two_factor_sees_no_banner_and_an_open_queue()
    {
        var page = Render<Exchange.Web.Components.Pages.Operator.OperatorActions>(p => p.AddCascadingValue(SignedIn("ops-1"))
            .AddChildContent<WithdrawalApprovalQueue>(q => q.Add(c => c.OperatorId, "ops-1")));

        page.WaitForAssertion(() => page.Find("[data-field='queue-empty']"));
        Assert.Empty(page.FindAll("[data-field='step-up-banner']"));
        Assert.False(page.Find("fieldset.connected-form").HasAttribute("disabled"));
    }

    private static Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState> SignedIn(string userId) =>
        Task.FromResult(new Microsoft.AspNetCore.Components.Authorization.AuthenticationState(new System.Security.Claims.ClaimsPrincipal(
            new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, userId)], "test"))));
}
