using Exchange.Core.Accounts;
using Exchange.Core.Approvals;
using Exchange.Core.Coins;
using Exchange.Tests.Infrastructure;
using static Exchange.Tests.Infrastructure.ApprovalSteps;
using static Exchange.Tests.Infrastructure.OperatorSteps;

namespace Exchange.Tests.Core.Approvals;

/// <summary>A coin's settings loosened by one operator wait for a second; tightened, they apply at once; approved, they change only what was asked.</summary>
[Integration]
public class CoinSettingsApprovalTests : IAsyncLifetime
{
    protected virtual TestEngine Engine => TestEngine.Sqlite;

    private const string Third = "op-3";
    private static readonly CoinRuleValues Seeded = new(0.27m, 1_000, 1_000_000_000, 100_000_000, 4_000_000_000);
    private CoreDatabase core = null!;
    private string firstKey = "", secondKey = "", thirdKey = "";
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private CoinSettings Settings => core.Get<CoinSettings>();
    private ApprovalQueue Queue => core.Get<ApprovalQueue>();

    public async ValueTask InitializeAsync()
    {
        core = await CoreDatabase.CreateAsync(engine: Engine);
        firstKey = await core.AddOperatorAsync(Operator, OperatorEmail);
        secondKey = await core.AddOperatorAsync(Second, SecondEmail);
        thirdKey = await core.AddOperatorAsync(Third, "third@example.com");
    }

    public ValueTask DisposeAsync() => core.DisposeAsync();

    private Task<OperatorResult> SaveAsync(string price, string minimum = "0.001", string daily = "1000", string threshold = "100", string fourEyes = "4000",
        string by = Operator) =>
        Settings.UpdateAsync(new OperatorCredentials(by, core.Code(KeyOf(by))), CoinSymbols.Iota, new CoinRules(price, minimum, daily, threshold, fourEyes), Token);

    private Task<OperatorResult> ApproveAsync(long id, string by = Second) => Queue.ApproveAsync(id, by, core.Code(KeyOf(by)), "Checked the market price", Token);

    private string KeyOf(string id) => id switch { Operator => firstKey, Second => secondKey, _ => thirdKey };

    private async Task<CoinRuleValues> IotaAsync() => (await Settings.AllAsync(Token)).Single(c => c.Symbol == CoinSymbols.Iota).Rules;

    [Fact]
    public async Task A_price_lowered_by_one_operator_waits_for_a_second()
    {
        var asked = await SaveAsync("0.000001");

        Assert.True(asked.Succeeded, asked.Message);
        Assert.Equal("Waiting for a second operator to approve: IOTA: price $0.27 → $0.000001.", asked.Message);
        Assert.Equal(Seeded, await IotaAsync());
        var pending = Assert.Single(await Queue.PendingAsync(Token));
        Assert.Equal((asked.RequestId!.Value, OperatorRequestKind.CoinSettings, OperatorEmail, CoinSymbols.Iota), (pending.Id, pending.Kind, pending.RequesterEmail, pending.Coin));
        Assert.Equal([new CoinRuleChange("price", "$0.27", "$0.000001")], pending.Changes);
        Assert.Equal((asked.RequestId, "IOTA: price $0.27 → $0.000001"), (await Settings.PendingAsync(Token)).Select(p => ((long?)p.RequestId, p.Summary)).Single());

        var own = await ApproveAsync(pending.Id, by: Operator);
        Assert.Equal((false, ApprovalQueue.OwnRequest), (own.Succeeded, own.Message));
        Assert.Equal(Seeded, await IotaAsync());

        var approved = await ApproveAsync(pending.Id);

        Assert.Equal((true, "IOTA saved: price $0.27 → $0.000001."), (approved.Succeeded, approved.Message));
        Assert.Equal(Seeded with { UsdPrice = 0.000001m }, await IotaAsync());
        Assert.Empty(await Queue.PendingAsync(Token));
        var audit = await core.AuditAsync();
        Assert.Equal(["Coin settings change requested", "Coin settings change decision refused", "Coin settings change approved"], audit.Select(e => e.Action));
        Assert.All(audit, e => Assert.Equal("coin MIOTA", e.Subject));
        var approval = audit[^1];
        Assert.Equal((SecondEmail, "Checked the market price"), (approval.OperatorEmail, approval.Reason));
        Assert.StartsWith("price $0.27 (0.27", approval.Before, StringComparison.Ordinal);
        Assert.StartsWith("price $0.00 (0.000001)", approval.After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.27", "0.0005", "1000", "100", "4000", "minimum withdrawal 0.001 MIOTA → 0.0005 MIOTA")]
    [InlineData("0.27", "0.001", "5000", "100", "4000", "daily limit 1000 MIOTA → 5000 MIOTA")]
    [InlineData("0.27", "0.001", "1000", "900", "4000", "approval above 100 MIOTA → 900 MIOTA")]
    [InlineData("0.27", "0.001", "1000", "100", "2000000", "four eyes above 4000 MIOTA → 2000000 MIOTA")]
    [InlineData("0.25", "5", "10", "1", "1", "price $0.27 → $0.25, minimum withdrawal 0.001 MIOTA → 5 MIOTA, daily limit 1000 MIOTA → 10 MIOTA, approval above 100 MIOTA → 1 MIOTA, four eyes above 4000 MIOTA → 1 MIOTA")]
    public async Task A_lower_minimum_or_a_higher_limit_threshold_or_ceiling_waits_for_a_second_operator_even_beside_tighter_rules(
        string price, string minimum, string daily, string threshold, string fourEyes, string changes)
    {
        var asked = await SaveAsync(price, minimum, daily, threshold, fourEyes);

        Assert.Equal((true, $"Waiting for a second operator to approve: IOTA: {changes}."), (asked.Succeeded, asked.Message));
        Assert.NotNull(asked.RequestId);
        Assert.Equal(Seeded, await IotaAsync());
        Assert.Equal(changes, string.Join(", ", Assert.Single(await Queue.PendingAsync(Token)).Changes));
    }

    [Fact]
    public async Task A_change_that_only_tightens_applies_at_once_and_needs_no_second_operator()
    {
        var saved = await SaveAsync("0.5", "1", "500", "50", "3000");

        Assert.Equal((true, "IOTA saved.", (long?)null), (saved.Succeeded, saved.Message, saved.RequestId));
        Assert.Equal(new CoinRuleValues(0.5m, 1_000_000, 500_000_000, 50_000_000, 3_000_000_000), await IotaAsync());
        Assert.Empty(await Queue.PendingAsync(Token));
    }

    [Fact]
    public async Task A_change_approved_after_its_own_setting_changed_meanwhile_is_refused_and_overwrites_nothing()
    {
        var asked = await SaveAsync("0.2");
        var raised = await SaveAsync("0.35", by: Third);

        var approved = await ApproveAsync(asked.RequestId!.Value);

        Assert.Equal((true, "IOTA saved."), (raised.Succeeded, raised.Message));
        Assert.Equal((false, "The price of IOTA changed since this was asked ($0.27 then, $0.35 now): nothing was changed; reject this request and ask again from the current settings."),
            (approved.Succeeded, approved.Message));
        Assert.Equal(Seeded with { UsdPrice = 0.35m }, await IotaAsync());
        Assert.Equal(OperatorRequestState.Pending, Assert.Single(await core.RequestsAsync()).State);
        Assert.DoesNotContain(await core.AuditAsync(), e => e.Action == "Coin settings change approved");

        var rejected = await Queue.RejectAsync(asked.RequestId!.Value, Second, core.Code(secondKey), "Stale", Token);
        Assert.True(rejected.Succeeded, rejected.Message);
        Assert.Contains(await core.AuditAsync(), e => (e.Action, e.Subject, e.Reason) == ("Coin settings change rejected", "coin MIOTA", "Stale"));
        Assert.Equal(Seeded with { UsdPrice = 0.35m }, await IotaAsync());
    }

    [Fact]
    public async Task A_change_approved_later_keeps_the_settings_others_changed_meanwhile()
    {
        var asked = await SaveAsync("0.27", daily: "2000");
        var tightened = await SaveAsync("0.3", threshold: "50", by: Third);

        var approved = await ApproveAsync(asked.RequestId!.Value);

        Assert.True(tightened.Succeeded, tightened.Message);
        Assert.Equal((true, "IOTA saved: daily limit 1000 MIOTA → 2000 MIOTA."), (approved.Succeeded, approved.Message));
        Assert.Equal(Seeded with { UsdPrice = 0.3m, DailyWithdrawalLimit = 2_000_000_000, ApprovalThreshold = 50_000_000 }, await IotaAsync());
    }

    [Fact]
    public async Task A_second_loosening_of_a_coin_is_refused_while_the_first_waits()
    {
        var first = await SaveAsync("0.2");
        var second = await SaveAsync("0.27", daily: "3000", by: Third);

        Assert.Equal((false, $"A change of IOTA waits for a second operator already (request {first.RequestId}); it must be approved or rejected first."),
            (second.Succeeded, second.Message));
        Assert.Single(await Queue.PendingAsync(Token));
    }
}

public sealed class CoinSettingsApprovalOnPostgreSqlTests : CoinSettingsApprovalTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
