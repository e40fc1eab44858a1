using Exchange.Core.Accounts;
using Exchange.Core.Audit;
using Exchange.Core.Coins;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Core.Audit;

/// <summary>The audit log as operators search it and export it: filters, order, and a CSV a spreadsheet cannot be tricked by.</summary>
[Integration]
public class AuditLogTests : IAsyncLifetime
{
    private const string Ann = "op-ann";
    private const string Bob = "op-bob";
    private const string Carol = "user-carol";
    private static readonly DateOnly Day1 = new(2026, 11, 24);
    private CoreDatabase core = null!;
    private SteppedUpOperator ann = null!, bob = null!;
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private AuditLog Log => core.Get<AuditLog>();

    /// <summary>Three days of work: Ann locks Carol on day 1, Bob changes IOTA's rules on day 2, Ann credits Carol on day 3 just before midnight.</summary>
    public async ValueTask InitializeAsync()
    {
        core = await CoreDatabase.CreateAsync();
        await core.AddUserAsync(Ann, "ann@ops.example");
        await core.AddUserAsync(Bob, "bob@ops.example");
        (ann, bob) = (await core.OperatorWithTwoFactorAsync(Ann), await core.OperatorWithTwoFactorAsync(Bob));
        await core.AddUserAsync(Carol, "carol@example.com");
        var admin = core.Get<UserAdministration>();

        Assert.True((await admin.LockWithdrawalsAsync(ann.WithCode(), Carol, "Suspicious login", Token)).Succeeded);
        core.Time.Advance(TimeSpan.FromDays(1));
        Assert.True((await core.Get<CoinSettings>().UpdateAsync(bob.WithCode(), CoinSymbols.Iota, new CoinRules("0.30", "0.001", "1000", "100", "4000"), Token)).Succeeded);
        core.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(11) + TimeSpan.FromMinutes(59)); // 23:59 on day 3
        Assert.True((await admin.AdjustAsync(new ManualAdjustment(Ann, Carol, CoinSymbols.Iota, AdjustmentDirection.Credit, "1", "Goodwill, see ticket #12", ann.WithCode().TwoFactorCode), Token)).Succeeded);
    }

    public ValueTask DisposeAsync() => core.DisposeAsync();

    private async Task<string[]> ActionsAsync(AuditFilter filter) => (await Log.FindAsync(filter, cancellationToken: Token)).Select(e => e.Action).ToArray();

    [Fact]
    public async Task Without_filters_every_action_is_listed_newest_first()
    {
        Assert.Equal(["Manual adjustment", "Coin settings changed", "Withdrawals locked"], await ActionsAsync(new AuditFilter()));
        Assert.Equal(["Manual adjustment", "Coin settings changed"], (await Log.FindAsync(new AuditFilter(), count: 2, Token)).Select(e => e.Action));
    }

    [Fact]
    public async Task Filtering_by_operator_matches_part_of_the_email_they_had_at_the_time()
    {
        Assert.Equal(["Manual adjustment", "Withdrawals locked"], await ActionsAsync(new AuditFilter(Operator: "ann@")));
        Assert.Equal(["Coin settings changed"], await ActionsAsync(new AuditFilter(Operator: " bob ")));
        Assert.Empty(await ActionsAsync(new AuditFilter(Operator: "carol")));
    }

    [Fact]
    public async Task Filtering_by_action_and_subject_narrows_to_what_was_done_to_whom()
    {
        Assert.Equal(["Withdrawals locked"], await ActionsAsync(new AuditFilter(Action: "locked")));
        Assert.Equal(["Manual adjustment", "Withdrawals locked"], await ActionsAsync(new AuditFilter(Subject: "carol@example.com")));
        Assert.Equal(["Coin settings changed"], await ActionsAsync(new AuditFilter(Subject: "coin MIOTA")));
        Assert.Equal(["Manual adjustment"], await ActionsAsync(new AuditFilter(Operator: "ann", Action: "adjust", Subject: "carol")));
    }

    [Fact]
    public async Task Date_filters_take_whole_utc_days_both_ends_included()
    {
        Assert.Equal(["Withdrawals locked"], await ActionsAsync(new AuditFilter(From: Day1, To: Day1)));
        Assert.Equal(["Manual adjustment", "Coin settings changed"], await ActionsAsync(new AuditFilter(From: Day1.AddDays(1))));
        Assert.Equal(["Coin settings changed", "Withdrawals locked"], await ActionsAsync(new AuditFilter(To: Day1.AddDays(1))));
        Assert.Equal(["Manual adjustment"], await ActionsAsync(new AuditFilter(From: Day1.AddDays(2), To: Day1.AddDays(2))));
        Assert.Empty(await ActionsAsync(new AuditFilter(From: Day1.AddDays(3))));
    }

    [Fact]
    public async Task An_operator_without_a_login_row_is_recorded_by_id()
    {
        await Log.RecordAsync(new OperatorAction("system-script", "Hot-wallet deposit address requested", "Hub user user-hot-wallet"), Token);

        var entry = (await Log.FindAsync(new AuditFilter(Operator: "system-script"), cancellationToken: Token)).Single();
        Assert.Equal(("system-script", "system-script"), (entry.OperatorId, entry.OperatorEmail));
    }

    [Fact]
    public async Task The_csv_export_has_a_header_quotes_every_free_text_field_and_follows_the_filter()
    {
        var csv = await Log.CsvAsync(new AuditFilter(Operator: "ann"), Token);

        var lines = csv.Split('\n');
        Assert.Equal("time_utc,operator,action,subject,before,after,reason", lines[0]);
        Assert.Equal("2026-11-26T23:59:00Z,\"ann@ops.example\",\"Manual adjustment\",\"user carol@example.com\",\"0 MIOTA available\",\"1 MIOTA available\",\"Goodwill, see ticket #12\"", lines[1]);
        Assert.Equal("2026-11-24T12:00:00Z,\"ann@ops.example\",\"Withdrawals locked\",\"user carol@example.com\",\"unlocked\",\"locked: Suspicious login\",\"Suspicious login\"", lines[2]);
        Assert.Equal(4, lines.Length);
        Assert.Equal("", lines[3]);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"click\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"")]
    [InlineData("+1+1", "\"'+1+1\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("line one\nline two", "\"line one\nline two\"")]
    public async Task A_reason_that_a_spreadsheet_would_run_or_split_is_exported_as_plain_text(string reason, string field)
    {
        await core.Get<UserAdministration>().UnlockWithdrawalsAsync(ann.WithCode(), Carol, Token);
        Assert.True((await core.Get<UserAdministration>().LockWithdrawalsAsync(ann.WithCode(), Carol, reason, Token)).Succeeded);

        var csv = await Log.CsvAsync(new AuditFilter(Action: "Withdrawals locked"), Token);

        var newest = csv["time_utc,operator,action,subject,before,after,reason\n".Length..];
        Assert.StartsWith($"2026-11-26T23:59:00Z,\"ann@ops.example\",\"Withdrawals locked\",\"user carol@example.com\",\"unlocked\",", newest, StringComparison.Ordinal);
        Assert.EndsWith($",{field}\n", newest[..(newest.IndexOf("2026-11-24", StringComparison.Ordinal))], StringComparison.Ordinal);
    }
}
