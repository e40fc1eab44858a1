using System.Data;
using System.Data.Common;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Ledger;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Proofs;

/// <summary>A coin as a snapshot lists it; coins are in the ordinal order of their symbols.</summary>
internal sealed record SnapshotCoin(string Symbol, int Decimals);

/// <summary>What one consistent read of the ledger found.</summary>
internal sealed record LedgerRead(DateTime TakenAt, long LedgerPosition, IReadOnlyList<SnapshotCoin> Coins, MemberBalances Members);

/// <summary>
/// Reads the coins, every account's balance (with its user's member row) and the newest ledger
/// entry id in one transaction that sees one moment of the database, streaming the accounts in
/// user order. Each provider needs its own kind of transaction for that (see <see cref="BeginAsync"/>).
/// </summary>
internal sealed class LedgerReader(IDbContextFactory<ExchangeDbContext> contexts, TimeProvider time)
{
    private const int SnapshotIsolationNotAllowed = 3952;
    private const int StreamTimeoutSeconds = 600;

    public async Task<LedgerRead> ReadAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await using var transaction = await BeginAsync(db, connection, cancellationToken);
        try
        {
            var sql = new SqlStatement(db);
            var now = time.GetUtcNow().UtcDateTime;
            var takenAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
            var coins = await CoinsAsync(connection, transaction, sql, cancellationToken);
            var position = await PositionAsync(connection, transaction, sql, cancellationToken);
            var members = await BalancesAsync(connection, transaction, sql, coins, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new LedgerRead(takenAt, position, coins, members);
        }
        catch (DbException e) when (e is Microsoft.Data.SqlClient.SqlException { Number: SnapshotIsolationNotAllowed })
        {
            throw new InvalidOperationException(
                "SQL Server refused the snapshot's consistent read: snapshot isolation is off in this database. Run once, as its owner: " +
                "ALTER DATABASE CURRENT SET ALLOW_SNAPSHOT_ISOLATION ON (deploy/sqlserver/create-logins.sql does).", e);
        }
    }

    // SQLite (in WAL mode): a deferred transaction reads the database as of its first read and never
    // blocks the writers (BEGIN IMMEDIATE, the provider's default, would take the write lock).
    // PostgreSQL: REPEATABLE READ is a snapshot taken at the first statement. SQL Server: its
    // REPEATABLE READ only locks rows already read and lets new ones appear; SNAPSHOT is the
    // consistent one, and needs ALLOW_SNAPSHOT_ISOLATION on.
    private static async Task<DbTransaction> BeginAsync(ExchangeDbContext db, DbConnection connection, CancellationToken cancellationToken)
    {
        if (connection is SqliteConnection sqlite) return sqlite.BeginTransaction(deferred: true);
        return await connection.BeginTransactionAsync(db.Database.IsNpgsql() ? IsolationLevel.RepeatableRead : IsolationLevel.Snapshot, cancellationToken);
    }

    private static async Task<List<SnapshotCoin>> CoinsAsync(DbConnection connection, DbTransaction transaction, SqlStatement sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, CoinsSql(sql));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var coins = new List<SnapshotCoin>();
        while (await reader.ReadAsync(cancellationToken)) coins.Add(new SnapshotCoin(reader.GetString(0), reader.GetInt32(1)));
        coins.Sort((a, b) => string.CompareOrdinal(a.Symbol, b.Symbol));
        return coins;
    }

    private static async Task<long> PositionAsync(DbConnection connection, DbTransaction transaction, SqlStatement sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, PositionSql(sql));
        return await command.ExecuteScalarAsync(cancellationToken) is { } id and not DBNull ? Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private static async Task<MemberBalances> BalancesAsync(DbConnection connection, DbTransaction transaction, SqlStatement sql, IReadOnlyList<SnapshotCoin> coins,
        CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, BalancesSql(sql));
        command.CommandTimeout = StreamTimeoutSeconds;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new UserRows(coins);
        while (await reader.ReadAsync(cancellationToken))
        {
            // The member columns repeat on each of a user's accounts: read them on the first only.
            if (rows.Starts(reader.GetString(0)))
                rows.Member(reader.IsDBNull(4) ? null : reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetString(5));
            rows.Account(reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3));
        }
        return rows.Finish();
    }

    internal static string CoinsSql(SqlStatement sql) =>
        $"SELECT {sql.Column<Coin>(nameof(Coin.Symbol))}, {sql.Column<Coin>(nameof(Coin.Decimals))} FROM {sql.Table<Coin>()}";

    internal static string PositionSql(SqlStatement sql) =>
        $"SELECT MAX({sql.Column<LedgerEntry>(nameof(LedgerEntry.Id))}) FROM {sql.Table<LedgerEntry>()}";

    // Every account with its user's member row, a user's accounts on consecutive rows.
    internal static string BalancesSql(SqlStatement sql)
    {
        var user = sql.Column<Account>(nameof(Account.UserId));
        return $"SELECT a.{user}, a.{sql.Column<Account>(nameof(Account.Coin))}, a.{sql.Column<Account>(nameof(Account.Available))}, " +
            $"a.{sql.Column<Account>(nameof(Account.Reserved))}, m.{sql.Column<ProofMember>(nameof(ProofMember.Id))}, m.{sql.Column<ProofMember>(nameof(ProofMember.Nonce))} " +
            $"FROM {sql.Table<Account>()} a LEFT JOIN {sql.Table<ProofMember>()} m ON m.{sql.Column<ProofMember>(nameof(ProofMember.UserId))} = a.{user} ORDER BY a.{user}";
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string text)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        return command;
    }

    /// <summary>Gathers one user's accounts (consecutive rows) into one entry of <see cref="MemberBalances"/>.</summary>
    private sealed class UserRows(IReadOnlyList<SnapshotCoin> coins)
    {
        private readonly MemberBalances members = new(coins.Count);
        private readonly Dictionary<string, int> coinIndex = coins.Select((c, i) => (c.Symbol, i)).ToDictionary(c => c.Symbol, c => c.i, StringComparer.Ordinal);
        private readonly long[] available = new long[coins.Count];
        private readonly long[] reserved = new long[coins.Count];
        private string? user;
        private long? memberId;
        private string? nonce;

        /// <summary>Whether the row begins another user's accounts (then <see cref="Member"/> comes next).</summary>
        public bool Starts(string userId)
        {
            if (userId == user) return false;
            Flush();
            user = userId;
            return true;
        }

        public void Member(long? member, string? nonceHex) => (memberId, nonce) = (member, nonceHex);

        public void Account(string coin, long availableAmount, long reservedAmount)
        {
            if (!coinIndex.TryGetValue(coin, out var index))
                throw new InvalidOperationException($"User {user} has an account in coin '{coin}', which the Coins table does not list.");
            (available[index], reserved[index]) = (availableAmount, reservedAmount);
        }

        public MemberBalances Finish()
        {
            Flush();
            return members;
        }

        private void Flush()
        {
            if (user is not null) members.Add(user, memberId, nonce, available, reserved);
            Array.Clear(available);
            Array.Clear(reserved);
        }
    }
}
