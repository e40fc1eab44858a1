using System.Data;
using System.Data.Common;
using System.Text.RegularExpressions;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Deposits;
using Exchange.Core.HubSync;
using Exchange.Core.Ledger;
using Exchange.Core.Notices;
using Exchange.Core.Proofs;
using Exchange.Core.Webhooks;
using Exchange.Hub.Client;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Exchange.Tests.Core.Data;

/// <summary>
/// SQL Server cannot run here, so Microsoft's own T-SQL parser, with the grammar of SQL Server 2022
/// (the compose file's server), reads what the exchange sends it: the idempotent migration script,
/// every statement the app builds itself (taken as EF sends them, from a context configured for SQL
/// Server whose connection never opens; the proof snapshot's reads, which bypass EF, as built) and
/// the database's init script. Syntax only: names, types,
/// permissions and what the statements do are left to a real server.
/// </summary>
[Fast]
public partial class SqlServerSyntaxTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
    private const string Bundle = "BUNDLE9HASH";
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void The_idempotent_migration_script_parses_as_sql_server_t_sql()
    {
        using var db = SqlServer(new StatementRecorder());

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE QRTZ_JOB_DETAILS (", script);
        // What EF writes as strings to run (EXEC (N'...')), such as the seeded coins, is parsed as well.
        Assert.Contains(ExecutedSql(script), sql => sql.StartsWith("INSERT INTO [Coins]", StringComparison.Ordinal));
        AssertParses("The idempotent migration script", script);
    }

    /// <summary>Every statement of plain SQL the app writes (<see cref="SqlStatement"/>), by where it is written.</summary>
    private static readonly Dictionary<string, Func<ExchangeDbContext, Task>> Statements = new()
    {
        ["BulkSql.InsertAsync, ledger entries"] = db => BulkSql.InsertAsync(db,
            [LedgerEntry.For(Account.Open("alice", CoinSymbols.Iota), LedgerChange.Deposit("alice", CoinSymbols.Iota, 5, Bundle, "hub:key"), 5, 0, Now)], Token),
        ["BulkSql.InsertAsync, accounts"] = db => BulkSql.InsertAsync(db, [Account.Open("alice", CoinSymbols.Iota)], Token),
        ["BulkSql.InsertAsync, deposits"] = db => BulkSql.InsertAsync(db, [Deposit.Incoming("alice", CoinSymbols.Iota, 1, 5, "TAIL", Now, "key")], Token),
        ["BulkSql.InsertReturningAsync, deposits"] = db => BulkSql.InsertReturningAsync(db, [Deposit.Incoming("alice", CoinSymbols.Iota, 1, 5, "TAIL", Now, "key")],
            nameof(Deposit.UserId), Token),
        ["BulkSql.InsertAsync, unrecognised Hub events"] = db => BulkSql.InsertAsync(db,
            [new UnrecognisedHubEvent { EventKey = "key", HubUserId = "stranger", Amount = 5, Description = "Deposit of 5 i", SeenAt = Now }], Token),
        ["BulkSql.InsertAsync, Hub accounts"] = db => BulkSql.InsertAsync(db, [HubAccount.Existing("alice", "user-alice", Now)], Token),
        ["BulkSql.InsertAsync, deposit addresses"] = db => BulkSql.InsertAsync(db, [DepositAddress.Issue("alice", CoinSymbols.Iota, TestAddresses.Payout, Now)], Token),
        ["LedgerService.AddToAvailableAsync"] = db => LedgerService.AddToAvailableAsync(db, [(1, 5)], Token),
        ["HubAccountTotals.AddCreditsAsync"] = db => HubAccountTotals.AddCreditsAsync(db, [(1, 5)], Token),
        ["HubAccountTotals.AddMovesAsync"] = db => HubAccountTotals.AddMovesAsync(db, [("user-alice", 5)], Token),
        ["BalanceBatch.MarkSeenAsync"] = db => BalanceBatch.MarkSeenAsync(db, [1], Now, Token),
        ["BalanceBatch.MarkSweptAsync"] = db => BalanceBatch.MarkSweptAsync(db,
            [new AddressSweepEvent("user-alice", 0, TestAddresses.Payout[..81], Bundle, "", -5)], Now, Token),
        ["BalanceBatch.MarkIncomingCreditedAsync"] = db => BalanceBatch.MarkIncomingCreditedAsync(db, [(1, Bundle)], Now, Token),
        ["NoticeLog.AddManyAsync"] = db => NoticeLog.AddManyAsync(db,
            [Notice.Of(NoticeTypes.WithdrawalRequested, "alice", new NoticeData().With("withdrawal", 1L).With("coin", CoinSymbols.Iota), Now)], Token),
        ["BulkSql.InsertAsync, proof members"] = db => BulkSql.InsertAsync(db, [ProofMember.For("alice", Now)], Token),
    };

    public static TheoryData<string> StatementNames => [.. Statements.Keys];

    [Theory]
    [MemberData(nameof(StatementNames))]
    public async Task Each_statement_the_app_builds_parses_as_sql_server_t_sql(string name)
    {
        var recorder = new StatementRecorder();
        await using var db = SqlServer(recorder);

        await Statements[name](db);

        var sent = Assert.Single(recorder.Sent);
        Assert.Contains("OPENJSON(@p0)", sent);
        AssertParses(name, sent);
    }

    /// <summary>The reads that claim rows for one node, skipping the rows another node holds.</summary>
    private static readonly Dictionary<string, Func<ExchangeDbContext, Task>> Claims = new()
    {
        ["NoticeDispatcher.ClaimAsync"] = db => NoticeDispatcher.ClaimAsync(db, Token),
        ["WebhookClaims.LockOneAsync"] = db => WebhookClaims.LockOneAsync(db, Now, [3, 4], Token),
    };

    public static TheoryData<string> ClaimNames => [.. Claims.Keys];

    [Theory]
    [MemberData(nameof(ClaimNames))]
    public async Task Each_claim_the_app_builds_parses_as_sql_server_t_sql(string name)
    {
        var recorder = new StatementRecorder();
        await using var db = SqlServer(recorder);

        await Claims[name](db);

        var sent = Assert.Single(recorder.Sent);
        Assert.Contains("WITH (UPDLOCK, READPAST, ROWLOCK)", sent);
        AssertParses(name, sent);
    }

    /// <summary>The proof snapshot's reads, sent on the connection of its own snapshot transaction rather than through EF.</summary>
    private static readonly Dictionary<string, Func<SqlStatement, string>> SnapshotReads = new()
    {
        ["LedgerReader.CoinsSql"] = LedgerReader.CoinsSql,
        ["LedgerReader.PositionSql"] = LedgerReader.PositionSql,
        ["LedgerReader.BalancesSql"] = LedgerReader.BalancesSql,
    };

    public static TheoryData<string> SnapshotReadNames => [.. SnapshotReads.Keys];

    [Theory]
    [MemberData(nameof(SnapshotReadNames))]
    public void Each_read_of_the_proof_snapshot_parses_as_sql_server_t_sql(string name)
    {
        using var db = SqlServer(new StatementRecorder());

        var built = SnapshotReads[name](new SqlStatement(db));

        Assert.Contains("FROM [", built);
        AssertParses(name, built);
    }

    [Fact]
    public void The_database_init_script_parses_as_sql_server_t_sql()
    {
        var script = File.ReadAllText(Path.Combine(RepositoryFolders.Root, "deploy", "sqlserver", "create-logins.sql"));

        // sqlcmd puts the values of $(Name) in before SQL Server reads the script.
        AssertParses("deploy/sqlserver/create-logins.sql", SqlcmdVariable().Replace(script, m => m.Groups[1].Value));
    }

    // Where the app writes SQL of its own: parsed above, or (the migrator's PostgreSQL lock and SQLite
    // journal mode) never sent to SQL Server. A new one fails here until its statements are added above.
    private static readonly string[] SqlWriters =
    [
        "Exchange.Core/Data/BulkSql.cs",
        "Exchange.Core/Data/DatabaseMigrator.cs",
        "Exchange.Core/HubSync/BalanceBatch.cs",
        "Exchange.Core/HubSync/HubAccountTotals.cs",
        "Exchange.Core/Ledger/LedgerService.cs",
        "Exchange.Core/Notices/NoticeDispatcher.cs",
        "Exchange.Core/Proofs/LedgerReader.cs",
        "Exchange.Core/Webhooks/WebhookClaims.cs",
    ];

    [Fact]
    public void Every_source_that_writes_its_own_sql_is_parsed_here()
    {
        var writers = new[] { "Exchange.Core", "Exchange.Web" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(RepositoryFolders.Root, project), "*.cs", SearchOption.AllDirectories))
            .Select(file => Path.GetRelativePath(RepositoryFolders.Root, file).Replace('\\', '/'))
            .Where(file => !file.Contains("/obj/") && !file.Contains("/bin/") && !file.Contains("/Migrations/"))
            .Where(file => WritesSql().IsMatch(File.ReadAllText(Path.Combine(RepositoryFolders.Root, file))))
            .Order()
            .ToList();

        var unparsed = writers.Except(SqlWriters).ToList();
        Assert.True(unparsed.Count == 0, $"Writing SQL of their own: {string.Join(", ", unparsed)}. Add their statements above, and them to {nameof(SqlWriters)}.");
        Assert.Equal(SqlWriters.Order(), writers);
    }

    private static SqlServerExchangeDbContext SqlServer(StatementRecorder recorder) =>
        new(new DbContextOptionsBuilder<SqlServerExchangeDbContext>()
            .UseSqlServer("Server=unused;Database=Exchange;TrustServerCertificate=True")
            .AddInterceptors(recorder)
            .Options);

    private static void AssertParses(string what, string sql)
    {
        var problems = Problems(sql).ToList();
        Assert.True(problems.Count == 0, $"{what} is not T-SQL that SQL Server 2022 reads:\n\n{string.Join("\n\n", problems)}");
    }

    // The parse errors of the text and, once it parses, of the statements it runs from strings (EXEC (N'...')).
    private static IEnumerable<string> Problems(string sql)
    {
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        foreach (var error in errors)
            yield return $"line {error.Line}, column {error.Column}: {error.Message}\n{Around(sql, error.Line)}";
        if (errors.Count > 0)
            yield break;
        foreach (var statement in ExecutedSql(fragment))
            foreach (var problem in Problems(statement))
                yield return $"in EXEC of:\n{statement}\n{problem}";
    }

    private static List<string> ExecutedSql(string sql) => ExecutedSql(new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out _));

    private static List<string> ExecutedSql(TSqlFragment fragment)
    {
        var executed = new ExecutedStrings();
        fragment.Accept(executed);
        return executed.Sql;
    }

    // The statement's lines around the error (a built statement is one line: all of it).
    private static string Around(string sql, int line) =>
        string.Join("\n", sql.Split('\n').Skip(Math.Max(0, line - 3)).Take(5));

    [GeneratedRegex(@"\$\((\w+)\)")]
    private static partial Regex SqlcmdVariable();

    [GeneratedRegex(@" AS \[(\w+)\]")]
    private static partial Regex ColumnAlias();

    [GeneratedRegex(@"new SqlStatement\(|\.ExecuteSql|\.FromSql|\.SqlQuery|\.CommandText\s*=")]
    private static partial Regex WritesSql();

    // A variable spliced into the text (a default constraint's name, found when the script runs) stands in as a name.
    private sealed class ExecutedStrings : TSqlFragmentVisitor
    {
        public List<string> Sql { get; } = [];

        public override void Visit(ExecutableStringList node) =>
            Sql.Add(string.Concat(node.Strings.Select(s => s is StringLiteral literal ? literal.Value : "spliced")));
    }

    /// <summary>Keeps each command as EF would send it and answers it without a server; the connection is never opened.</summary>
    private sealed class StatementRecorder : DbCommandInterceptor, IDbConnectionInterceptor
    {
        public List<string> Sent { get; } = [];

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Sent.Add(command.CommandText);
            return ValueTask.FromResult(InterceptionResult<int>.SuppressWithResult(0));
        }

        // A claim finds no rows: the answer has the columns the query names (AS [Name]), which EF looks for, and no rows.
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Sent.Add(command.CommandText);
            var empty = new DataTable();
            foreach (Match column in ColumnAlias().Matches(command.CommandText))
                empty.Columns.Add(column.Groups[1].Value, typeof(long));
            return ValueTask.FromResult(InterceptionResult<DbDataReader>.SuppressWithResult(empty.CreateDataReader()));
        }

        public InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            InterceptionResult.Suppress();

        public ValueTask<InterceptionResult> ConnectionOpeningAsync(
            DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(InterceptionResult.Suppress());
    }
}
