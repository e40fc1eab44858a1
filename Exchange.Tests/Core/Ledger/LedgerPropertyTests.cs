using CsCheck;
using Exchange.Core.Coins;
using Exchange.Core.Ledger;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Tests.Core.Ledger;

/// <summary>
/// Random sequences of deposits, requests, approvals, cancellations, failures and completions,
/// against the real services and database: after every step the ledger adds up.
/// </summary>
[Integration]
public class LedgerPropertyTests : IAsyncLifetime
{
    protected virtual TestEngine Engine => TestEngine.Sqlite;

    private abstract record Step;
    private sealed record Deposit(int User, long Amount) : Step;
    private sealed record Request(int User, long Amount) : Step;
    private sealed record Approve(int Pick) : Step;
    private sealed record Cancel(int Pick) : Step;
    private sealed record Fail(int Pick) : Step;
    private sealed record Advance(int Pick) : Step;

    private static readonly Gen<Step> AnyStep = Gen.OneOf<Step>(
        Gen.Select(Gen.Int[0, 2], Gen.Long[1_000, 300_000_000], (u, a) => (Step)new Deposit(u, a)),
        Gen.Select(Gen.Int[0, 2], Gen.Long[1_000, 200_000_000], (u, a) => (Step)new Request(u, a)),
        Gen.Int[0, 50].Select(p => (Step)new Approve(p)),
        Gen.Int[0, 50].Select(p => (Step)new Cancel(p)),
        Gen.Int[0, 50].Select(p => (Step)new Fail(p)),
        Gen.Int[0, 50].Select(p => (Step)new Advance(p)),
        Gen.Int[0, 50].Select(p => (Step)new Advance(p)));

    private CoreDatabase database = null!;

    private SteppedUpOperator ops = null!;

    public async ValueTask InitializeAsync()
    {
        database = await CoreDatabase.CreateAsync(engine: Engine);
        ops = await database.OperatorWithTwoFactorAsync("ops");
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task The_ledger_invariant_holds_after_every_step_of_any_sequence()
    {
        await AnyStep.Array[1, 30].SampleAsync(RunAsync, iter: 40, threads: 1, seed: "0N0XIzNsQ0O2");
    }

    private async Task RunAsync(Step[] steps)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        string User(int i) => $"{run}-user-{i}";
        var withdrawals = new List<long>();
        long deposited = 0, paidOut = 0;
        var hubSteps = database.Get<HubWithdrawalSteps>();
        var operatorCommands = database.Get<OperatorWithdrawalCommands>();
        var userCommands = database.Get<UserWithdrawalCommands>();
        var ledger = database.Get<LedgerService>();
        var iota = (await database.Get<CoinCatalogue>().CurrentAsync()).Iota;

        foreach (var step in steps)
        {
            switch (step)
            {
                case Deposit d:
                    var credit = await ledger.ApplyAsync(LedgerChange.Deposit(User(d.User), CoinSymbols.Iota, d.Amount, "bundle", $"{run}-{deposited}-{d.Amount}"));
                    if (credit.Succeeded) deposited += d.Amount;
                    break;
                case Request r:
                    var requested = await userCommands.RequestAsync(new WithdrawalRequest(User(r.User), CoinSymbols.Iota,
                        iota.ToDisplayUnits(r.Amount).ToString(System.Globalization.CultureInfo.InvariantCulture), TestAddresses.Payout));
                    if (requested.Succeeded) withdrawals.Add(requested.Withdrawal!.Id);
                    break;
                case Approve a when withdrawals.Count > 0:
                    await operatorCommands.ApproveAsync(Pick(withdrawals, a.Pick), ops.WithCode(), "checked");
                    break;
                case Cancel c when withdrawals.Count > 0:
                    var id = Pick(withdrawals, c.Pick);
                    await userCommands.CancelAsync(id, await OwnerAsync(id));
                    break;
                case Fail f when withdrawals.Count > 0:
                    var failing = await WithdrawalAsync(Pick(withdrawals, f.Pick));
                    await hubSteps.FailAsync(failing.Id, failing.SubmitAttempt, "Hub refused it");
                    break;
                case Advance v when withdrawals.Count > 0:
                    paidOut += await AdvanceAsync(hubSteps, Pick(withdrawals, v.Pick));
                    break;
            }
            await AssertInvariantAsync(run, deposited - paidOut);
        }
    }

    private static long Pick(List<long> ids, int pick) => ids[pick % ids.Count];

    // One step along the happy path; returns the amount paid out when it completes.
    private async Task<long> AdvanceAsync(HubWithdrawalSteps steps, long id)
    {
        var w = await WithdrawalAsync(id);
        switch (w.State)
        {
            case WithdrawalState.Approved: await steps.BeginSubmitAsync(id); break;
            case WithdrawalState.Submitting: await steps.MarkSubmittedAsync(id, w.SubmitAttempt, Guid.NewGuid().ToString()); break;
            case WithdrawalState.Submitted: await steps.MarkSweptAsync(id, new string('S', 81)); break;
            case WithdrawalState.Swept: return (await steps.CompleteAsync(id)).Succeeded ? w.Amount : 0;
        }
        return 0;
    }

    private async Task<Withdrawal> WithdrawalAsync(long id)
    {
        await using var db = database.NewContext();
        return await db.Withdrawals.AsNoTracking().SingleAsync(x => x.Id == id);
    }

    private async Task<string> OwnerAsync(long id)
    {
        await using var db = database.NewContext();
        return await db.Withdrawals.Where(w => w.Id == id).Select(w => w.UserId).SingleAsync();
    }

    private async Task AssertInvariantAsync(string run, long expectedTotal)
    {
        var report = await database.Get<Reconciliation>().RunAsync();
        Assert.True(report.IsBalanced, "an account differs from the sum of its entries");

        await using var db = database.NewContext();
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.UserId.StartsWith(run)).ToListAsync();
        Assert.All(accounts, a => Assert.True(a.Available >= 0 && a.Reserved >= 0));
        Assert.Equal(expectedTotal, accounts.Sum(a => a.Total));

        var held = await db.Withdrawals.Where(w => w.UserId.StartsWith(run)
                && w.State != WithdrawalState.Completed && w.State != WithdrawalState.Cancelled && w.State != WithdrawalState.Failed)
            .SumAsync(w => w.Amount);
        Assert.Equal(held, accounts.Sum(a => a.Reserved));
    }
}

public sealed class LedgerPropertyOnPostgreSqlTests : LedgerPropertyTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
