using Microsoft.Data.Sqlite;

namespace Exchange.Hub.Emulator.State;

/// <summary>
/// Keeps the emulator's state in its own SQLite file, one table per row kind, so a restart loses
/// nothing (as Hub's database would not). After each command or tick only the rows it added or
/// changed are written, in one transaction; a restart reads every table once.
/// Files written by the older one-document format (a single <c>EmulatorState</c> row) are not read.
/// </summary>
public sealed class EmulatorStore : IDisposable
{
    private static readonly string[] Schema =
    [
        "CREATE TABLE IF NOT EXISTS Users (Seq INTEGER PRIMARY KEY, Identifier TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS AccountEvents (Seq INTEGER PRIMARY KEY, UserId TEXT NOT NULL, Amount INTEGER NOT NULL, Reason INTEGER NOT NULL, SweepBundleHash TEXT, WithdrawalUuid TEXT, At INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS UserAddresses (Seq INTEGER PRIMARY KEY, Address TEXT NOT NULL, UserId TEXT NOT NULL, SeedUuid TEXT NOT NULL, CreatedAt INTEGER NOT NULL, Balance INTEGER NOT NULL, Swept INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS AddressEvents (Seq INTEGER PRIMARY KEY, Address TEXT NOT NULL, UserId TEXT NOT NULL, Amount INTEGER NOT NULL, Reason INTEGER NOT NULL, Hash TEXT NOT NULL, At INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS HubAddresses (Seq INTEGER PRIMARY KEY, Address TEXT NOT NULL, SeedUuid TEXT NOT NULL, CreatedAt INTEGER NOT NULL, Balance INTEGER NOT NULL, Spent INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS HubAddressEvents (Seq INTEGER PRIMARY KEY, Address TEXT NOT NULL, Amount INTEGER NOT NULL, Reason INTEGER NOT NULL, SweepBundleHash TEXT NOT NULL, At INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS Withdrawals (Seq INTEGER PRIMARY KEY, Uuid TEXT NOT NULL, UserId TEXT NOT NULL, Amount INTEGER NOT NULL, PayoutAddress TEXT NOT NULL, Tag TEXT NOT NULL, RequestedAt INTEGER NOT NULL, SweepBundleHash TEXT, CancelledAt INTEGER)",
        "CREATE TABLE IF NOT EXISTS Sweeps (Id INTEGER PRIMARY KEY, BundleHash TEXT NOT NULL, TrytesSeed TEXT NOT NULL, TrytesCount INTEGER NOT NULL, IntoHubAddress TEXT NOT NULL, CreatedAt INTEGER NOT NULL, Confirmed INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS SweepTails (Seq INTEGER PRIMARY KEY, SweepId INTEGER NOT NULL, Position INTEGER NOT NULL, Hash TEXT NOT NULL, CreatedAt INTEGER NOT NULL, Confirmed INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS TangleBalances (Address TEXT PRIMARY KEY, Balance INTEGER NOT NULL) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS SpentAddresses (Address TEXT PRIMARY KEY) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS TangleTransfers (Seq INTEGER PRIMARY KEY, Address TEXT NOT NULL, Amount INTEGER NOT NULL, TailHash TEXT NOT NULL, Seen INTEGER NOT NULL)",
    ];

    private readonly SqliteConnection connection;
    private readonly Dictionary<string, Statement> statements = [];

    public EmulatorStore(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        // WAL with normal sync: a commit survives the process being killed, and costs no fsync.
        foreach (var sql in Schema.Prepend("PRAGMA cache_size = -16384").Prepend("PRAGMA synchronous = NORMAL").Prepend("PRAGMA journal_mode = WAL")) Execute(sql);
    }

    public void Load(EmulatorState state)
    {
        state.Changes.Recording = false;
        try
        {
            EmulatorStoreReader.Load(connection, state);
        }
        finally
        {
            state.Changes.Recording = true;
        }
    }

    /// <summary>Writes what one change added or changed, in one transaction; nothing when nothing changed.</summary>
    public void Write(EmulatorState state)
    {
        var changes = state.Changes;
        if (changes.IsEmpty) return;
        using var transaction = connection.BeginTransaction();
        foreach (var statement in statements.Values) statement.Command.Transaction = transaction;
        foreach (var row in changes.Rows) WriteRow(row);
        foreach (var address in changes.TangleBalances)
            Run("INSERT OR REPLACE INTO TangleBalances (Address, Balance) VALUES ($1, $2)", address, state.TangleBalance(address));
        foreach (var address in changes.NewlySpent)
            Run("INSERT OR IGNORE INTO SpentAddresses (Address) VALUES ($1)", address);
        transaction.Commit();
    }

    /// <summary>The file's size on disk, its write-ahead log included.</summary>
    public static long FileSize(string path) =>
        new[] { path, path + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);

    private void WriteRow(EmulatorRow row)
    {
        switch (row)
        {
            case UserAccountRow u:
                Run("INSERT OR REPLACE INTO Users (Seq, Identifier) VALUES ($1, $2)", u.Seq, u.Identifier);
                break;
            case UserAccountEventRow e:
                Run("INSERT OR REPLACE INTO AccountEvents (Seq, UserId, Amount, Reason, SweepBundleHash, WithdrawalUuid, At) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    e.Seq, e.UserId, e.Amount, (int)e.Reason, e.SweepBundleHash, e.WithdrawalUuid, e.At);
                break;
            case UserAddressRow a:
                Run("INSERT OR REPLACE INTO UserAddresses (Seq, Address, UserId, SeedUuid, CreatedAt, Balance, Swept) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    a.Seq, a.Address, a.UserId, a.SeedUuid, a.CreatedAt, a.Balance, a.Swept);
                break;
            case UserAddressEventRow e:
                Run("INSERT OR REPLACE INTO AddressEvents (Seq, Address, UserId, Amount, Reason, Hash, At) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    e.Seq, e.Address, e.UserId, e.Amount, (int)e.Reason, e.Hash, e.At);
                break;
            case HubAddressRow h:
                Run("INSERT OR REPLACE INTO HubAddresses (Seq, Address, SeedUuid, CreatedAt, Balance, Spent) VALUES ($1, $2, $3, $4, $5, $6)",
                    h.Seq, h.Address, h.SeedUuid, h.CreatedAt, h.Balance, h.Spent);
                break;
            case HubAddressEventRow e:
                Run("INSERT OR REPLACE INTO HubAddressEvents (Seq, Address, Amount, Reason, SweepBundleHash, At) VALUES ($1, $2, $3, $4, $5, $6)",
                    e.Seq, e.Address, e.Amount, (int)e.Reason, e.SweepBundleHash, e.At);
                break;
            case WithdrawalRow w:
                Run("INSERT OR REPLACE INTO Withdrawals (Seq, Uuid, UserId, Amount, PayoutAddress, Tag, RequestedAt, SweepBundleHash, CancelledAt) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    w.Seq, w.Uuid, w.UserId, w.Amount, w.PayoutAddress, w.Tag, w.RequestedAt, w.SweepBundleHash, w.CancelledAt);
                break;
            case SweepRow s:
                Run("INSERT OR REPLACE INTO Sweeps (Id, BundleHash, TrytesSeed, TrytesCount, IntoHubAddress, CreatedAt, Confirmed) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    s.Id, s.BundleHash, s.Trytes.Seed, s.Trytes.Count, s.IntoHubAddress, s.CreatedAt, s.Confirmed);
                break;
            case SweepTail t:
                Run("INSERT OR REPLACE INTO SweepTails (Seq, SweepId, Position, Hash, CreatedAt, Confirmed) VALUES ($1, $2, $3, $4, $5, $6)",
                    t.Seq, t.SweepId, t.Position, t.Hash, t.CreatedAt, t.Confirmed);
                break;
            case TangleTransfer t:
                Run("INSERT OR REPLACE INTO TangleTransfers (Seq, Address, Amount, TailHash, Seen) VALUES ($1, $2, $3, $4, $5)",
                    t.Seq, t.Address, t.Amount, t.TailHash, t.SeenByMonitor);
                break;
            default:
                throw new InvalidOperationException($"No table for {row.GetType().Name}.");
        }
    }

    private void Run(string sql, params object?[] values)
    {
        if (!statements.TryGetValue(sql, out var statement))
        {
            statement = new Statement(connection, sql, values.Length);
            statements[sql] = statement;
        }
        statement.Run(values);
    }

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var statement in statements.Values) statement.Command.Dispose();
        connection.Dispose();
    }

    private sealed class Statement
    {
        private readonly SqliteParameter[] parameters;

        public Statement(SqliteConnection connection, string sql, int count)
        {
            Command = connection.CreateCommand();
            Command.CommandText = sql;
            parameters = Enumerable.Range(1, count).Select(i => Command.Parameters.AddWithValue("$" + i, DBNull.Value)).ToArray();
        }

        public SqliteCommand Command { get; }

        public void Run(object?[] values)
        {
            for (var i = 0; i < values.Length; i++) parameters[i].Value = values[i] ?? DBNull.Value;
            Command.ExecuteNonQuery();
        }
    }
}
