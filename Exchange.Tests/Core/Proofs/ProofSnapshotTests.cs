using Exchange.Core.Accounts;
using Exchange.Core.Coins;
using Exchange.Core.Ledger;
using Exchange.Core.Proofs;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Core.Proofs;

/// <summary>Snapshots of the real ledger, on a real database: what they hold, when, and what users get from them.</summary>
[Integration]
public class ProofSnapshotTests : IAsyncLifetime
{
    protected virtual TestEngine Engine => TestEngine.Sqlite;

    private CoreDatabase core = null!;
    private SteppedUpOperator ops = null!;
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private ProofSnapshots Snapshots => core.Get<ProofSnapshots>();
    private ProofQueries Queries => core.Get<ProofQueries>();

    public async ValueTask InitializeAsync()
    {
        core = await CoreDatabase.CreateAsync(services => services.Configure<ProofOfLiabilitiesOptions>(o => o.TreesKept = 2), engine: Engine);
        ops = await core.OperatorWithTwoFactorAsync();
    }

    public ValueTask DisposeAsync() => core.DisposeAsync();

    [Fact]
    public async Task A_snapshot_holds_each_users_balance_available_and_reserved_and_the_ledgers_totals()
    {
        await core.FundAsync("alice", 1_500_000);
        await core.FundAsync("bob", 250_000_000);
        await core.RequestWithdrawalAsync("bob", "100");
        await DepositAsync("carol", CoinSymbols.Bitcoin, 12_345);

        await TakeAsync();

        var snapshot = (await Queries.LatestAsync(Token))!;
        var ledger = await core.Get<Reconciliation>().RunAsync(Token);
        Assert.Equal([(CoinSymbols.Bitcoin, ledger.LiabilityIn(CoinSymbols.Bitcoin)), (CoinSymbols.Iota, ledger.LiabilityIn(CoinSymbols.Iota))],
            snapshot.Totals.Select(t => (t.Coin, t.Amount)));
        foreach (var user in (string[])["alice", "bob", "carol"])
        {
            var proof = await ProofAsync(user);
            var balances = await core.Get<BalanceQueries>().ForUserAsync(user, Token);
            Assert.Equal(balances.OrderBy(b => b.Coin.Symbol, StringComparer.Ordinal).Select(b => b.Total), proof.Balances.Select(b => b.Amount));
            var verification = ProofVerifier.Verify(proof.Json, balances.ToDictionary(b => b.Coin.Symbol, b => (ulong)b.Total), PublicKey);
            Assert.True(verification.Accepted, verification.Reason);
        }
        Assert.Equal((3, 0), await UsersAndOwingAsync(snapshot.Id));
    }

    [Fact]
    public async Task A_balance_changed_after_the_snapshot_is_not_in_it()
    {
        await core.FundAsync("alice", 1_000, "first");
        var first = await TakeAsync();
        await core.FundAsync("alice", 500, "second");

        var old = await ProofAsync("alice", first);

        Assert.Equal(1_000, old.Balances.Single(b => b.Coin == CoinSymbols.Iota).Amount);
        var now = ProofVerifier.Verify(old.Json, new Dictionary<string, ulong> { [CoinSymbols.Iota] = 1_500 }, PublicKey);
        Assert.Equal("Expected balances: MIOTA: the leaf holds 1000 base units, you expected 1500.", now.Reason);
        var second = await TakeAsync();
        Assert.Equal(1_500, (await ProofAsync("alice", second)).Balances.Single(b => b.Coin == CoinSymbols.Iota).Amount);
        var entries = await core.EntriesAsync("alice");
        Assert.Equal((entries[0].Id, entries[1].Id), (await PositionAsync(first), await PositionAsync(second)));
    }

    [Fact]
    public async Task An_operators_snapshot_needs_their_two_factor_code_and_is_audited()
    {
        await core.FundAsync("alice", 1_000);

        var refused = await Snapshots.TakeNowAsync(new OperatorCredentials(ops.Id, null), Token);
        var taken = await Snapshots.TakeNowAsync(ops.WithCode(), Token);

        Assert.True(refused is { Succeeded: false, NeedsStepUp: true }, refused.Message);
        Assert.True(taken.Succeeded, taken.Message);
        var snapshot = Assert.Single(await Queries.RecentAsync(10, Token));
        var audit = Assert.Single(await core.AuditAsync());
        Assert.Equal(("Proof of liabilities snapshot taken", $"snapshot {snapshot.Id}"), (audit.Action, audit.Subject));
        Assert.Contains($"root {snapshot.Root}", audit.After);
        Assert.Equal(ops.Id, (await core.Get<ProofQueries>().ReportsAsync(1, Token))[0].TakenBy);
    }

    [Fact]
    public async Task A_users_nonce_is_made_when_a_snapshot_first_holds_them_and_kept()
    {
        await core.FundAsync("alice", 1_000);
        Assert.Empty(await MembersAsync());
        var first = await TakeAsync();
        var alice = Assert.Single(await MembersAsync());
        await core.FundAsync("bob", 2_000);

        var second = await TakeAsync();

        var members = await MembersAsync();
        Assert.Equal(["alice", "bob"], members.Select(m => m.UserId));
        Assert.Equal(alice.Nonce, members[0].Nonce);
        Assert.NotEqual(Key(await ProofAsync("alice", first)), Key(await ProofAsync("alice", second)));
    }

    [Fact]
    public async Task A_user_who_had_no_balance_at_a_snapshot_gets_no_proof_of_it()
    {
        await core.FundAsync("alice", 1_000);
        var first = await TakeAsync();
        await core.FundAsync("bob", 2_000);
        await TakeAsync();

        var before = await Queries.ForUserAsync("bob", first, Token);

        Assert.Equal($"Snapshot {first} does not hold you: you had no balance with the exchange when it was taken.", before.Problem);
        Assert.Equal(2_000, (await ProofAsync("bob")).Balances.Single(b => b.Coin == CoinSymbols.Iota).Amount);
        Assert.NotNull((await Queries.ForUserAsync(ops.Id, null, Token)).Problem);
    }

    [Fact]
    public async Task Only_the_newest_trees_are_kept_and_older_snapshots_keep_their_signed_manifest()
    {
        await core.FundAsync("alice", 1_000);
        var first = await TakeAsync();
        await TakeAsync();
        await TakeAsync();

        var old = await Queries.ForUserAsync("alice", first, Token);

        Assert.StartsWith($"Snapshot {first} is too old: its tree is no longer kept", old.Problem);
        var snapshots = await Queries.RecentAsync(10, Token);
        Assert.Equal([true, true, false], snapshots.Select(s => s.ProofsAvailable));
        Assert.Equal(first, snapshots[2].Id);
        Assert.Equal(snapshots[2].Root, ProofManifest.Parse(snapshots[2].Manifest).Root);
        await using var db = core.NewContext();
        Assert.False(await db.ProofSnapshotParts.AnyAsync(p => p.SnapshotId == first, Token));
    }

    [Fact]
    public async Task The_schedule_takes_a_snapshot_only_when_one_is_due()
    {
        await core.FundAsync("alice", 1_000);

        var first = await Snapshots.TakeIfDueAsync(Token);
        var early = await Snapshots.TakeIfDueAsync(Token);
        core.Time.Advance(TimeSpan.FromDays(1));
        var next = await Snapshots.TakeIfDueAsync(Token);

        Assert.StartsWith("snapshot ", first);
        Assert.StartsWith("not due: the newest snapshot was taken 2026-11-24 ", early);
        Assert.EndsWith("one is taken every 1.00:00:00", early);
        Assert.StartsWith("snapshot ", next);
        Assert.Null((await Queries.ReportsAsync(1, Token))[0].TakenBy);
    }

    [Fact]
    public async Task With_hub_down_the_snapshot_is_taken_and_says_the_reserves_are_unknown()
    {
        await core.FundAsync("alice", 1_000);

        await TakeAsync();

        var report = (await Queries.ReportsAsync(1, Token))[0];
        Assert.Null(report.Snapshot.HubTotal);
        Assert.StartsWith("IOTA Hub did not answer", report.HubProblem);
        Assert.Contains("\"reserves\":{\"source\":\"IOTA Hub\",\"coin\":\"MIOTA\",\"known\":false}", report.Snapshot.Manifest);
    }

    [Fact]
    public async Task A_snapshot_taken_while_deposits_land_is_the_ledger_at_one_moment()
    {
        var users = Enumerable.Range(0, 5).Select(u => $"user-{u}").ToList();
        foreach (var user in users) await core.FundAsync(user, 1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var deposits = 0;
        var depositing = Task.Run(async () =>
        {
            for (; !stop.IsCancellationRequested; deposits++)
                await core.FundAsync(users[deposits % users.Count], 1 + deposits, $"during-{deposits}");
        }, Token);
        while (Volatile.Read(ref deposits) < 10) await Task.Delay(10, Token);

        var snapshots = new List<long>();
        for (var i = 0; i < 2; i++) snapshots.Add(await TakeAsync());
        var seen = Volatile.Read(ref deposits);
        while (Volatile.Read(ref deposits) < seen + 10) await Task.Delay(10, Token);
        await stop.CancelAsync();
        await depositing;

        await using var db = core.NewContext();
        var entries = await db.LedgerEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync(Token);
        foreach (var id in snapshots)
        {
            var position = await PositionAsync(id);
            Assert.True(entries[^1].Id > position, "deposits went on after the snapshot");
            foreach (var user in users)
            {
                var last = entries.Last(e => e.UserId == user && e.Id <= position);
                var proof = await ProofAsync(user, id);
                Assert.Equal(last.AvailableAfter + last.ReservedAfter, proof.Balances.Single(b => b.Coin == CoinSymbols.Iota).Amount);
            }
        }
    }

    private string PublicKey => core.Get<ProofSigningKey>().PublicKey.Pem;

    private async Task<long> TakeAsync()
    {
        var taken = await Snapshots.TakeNowAsync(ops.WithCode(), Token);
        Assert.True(taken.Succeeded, taken.Message);
        return (await Queries.LatestAsync(Token))!.Id;
    }

    private async Task<UserProof> ProofAsync(string user, long? snapshot = null)
    {
        var result = await Queries.ForUserAsync(user, snapshot, Token);
        return result.Proof ?? throw new Xunit.Sdk.XunitException(result.Problem);
    }

    private async Task DepositAsync(string user, string coin, long amount)
    {
        var posted = await core.Get<LedgerService>().ApplyAsync(LedgerChange.Deposit(user, coin, amount, "test", $"{coin}:{user}:{amount}"), Token);
        Assert.True(posted.Succeeded, posted.Message);
    }

    private async Task<List<ProofMember>> MembersAsync()
    {
        await using var db = core.NewContext();
        return await db.ProofMembers.AsNoTracking().OrderBy(m => m.UserId).ToListAsync(Token);
    }

    private async Task<long> PositionAsync(long snapshot)
    {
        await using var db = core.NewContext();
        return await db.ProofSnapshots.Where(s => s.Id == snapshot).Select(s => s.LedgerPosition).SingleAsync(Token);
    }

    private async Task<(int, int)> UsersAndOwingAsync(long snapshot)
    {
        var report = (await Queries.ReportsAsync(10, Token)).Single(r => r.Snapshot.Id == snapshot);
        return (report.Users, report.OwingUsers);
    }

    private static string Key(UserProof proof)
    {
        using var document = System.Text.Json.JsonDocument.Parse(proof.Json);
        return document.RootElement.GetProperty("leaf").GetProperty("key").GetString()!;
    }
}

public sealed class ProofSnapshotOnPostgreSqlTests : ProofSnapshotTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
