using Microsoft.Data.Sqlite;

namespace Exchange.Hub.Emulator.State;

/// <summary>Reads every table once, in the order the rows were added, into a fresh state.</summary>
internal static class EmulatorStoreReader
{
    public static void Load(SqliteConnection connection, EmulatorState state)
    {
        // Users, hub addresses and sweeps first: the rows after them share their strings (a user id, a bundle hash) instead of a copy each.
        Read(connection, "SELECT Identifier FROM Users ORDER BY Seq", r => state.AddUser(new UserAccountRow { Identifier = r.GetString(0) }));
        Read(connection, "SELECT Address, SeedUuid, CreatedAt, Balance, Spent FROM HubAddresses ORDER BY Seq", r => state.AddHubAddress(new HubAddressRow
        {
            Address = r.GetString(0), SeedUuid = r.GetString(1), CreatedAt = r.GetInt64(2), Balance = r.GetInt64(3), Spent = r.GetBoolean(4),
        }));
        Read(connection, "SELECT BundleHash, TrytesSeed, TrytesCount, IntoHubAddress, CreatedAt, Confirmed FROM Sweeps ORDER BY Id", r =>
        {
            var sweep = new SweepRow
            {
                BundleHash = r.GetString(0), Trytes = new BundleTrytes(r.GetString(1), r.GetInt32(2)), IntoHubAddress = r.GetString(3), CreatedAt = r.GetInt64(4),
            };
            state.AddSweep(sweep);
            if (r.GetBoolean(5)) state.ConfirmLoaded(sweep);
        });
        Read(connection, "SELECT Seq, SweepId, Hash, CreatedAt, Confirmed FROM SweepTails ORDER BY Seq", r =>
            state.AddTail(state.Sweeps[r.GetInt32(1) - 1], new SweepTail { Seq = r.GetInt64(0), Hash = r.GetString(2), CreatedAt = r.GetInt64(3), Confirmed = r.GetBoolean(4) }));
        Read(connection, "SELECT Address, UserId, SeedUuid, CreatedAt, Balance, Swept FROM UserAddresses ORDER BY Seq", r => state.AddUserAddress(new UserAddressRow
        {
            Address = r.GetString(0), UserId = state.Shared(r.GetString(1)), SeedUuid = r.GetString(2), CreatedAt = r.GetInt64(3), Balance = r.GetInt64(4), Swept = r.GetBoolean(5),
        }));
        Read(connection, "SELECT UserId, Amount, Reason, SweepBundleHash, WithdrawalUuid, At FROM AccountEvents ORDER BY Seq", r => state.AddAccountEvent(new UserAccountEventRow
        {
            UserId = state.Shared(r.GetString(0)), Amount = r.GetInt64(1), Reason = (AccountReason)r.GetInt32(2), SweepBundleHash = Bundle(state, Text(r, 3)), WithdrawalUuid = Text(r, 4), At = r.GetInt64(5),
        }));
        Read(connection, "SELECT Address, UserId, Amount, Reason, Hash, At FROM AddressEvents ORDER BY Seq", r => state.AddAddressEvent(new UserAddressEventRow
        {
            Address = state.UserAddress(r.GetString(0))?.Address ?? r.GetString(0), UserId = state.Shared(r.GetString(1)), Amount = r.GetInt64(2), Reason = (AddressReason)r.GetInt32(3), Hash = Bundle(state, r.GetString(4))!, At = r.GetInt64(5),
        }));
        Read(connection, "SELECT Address, Amount, Reason, SweepBundleHash, At FROM HubAddressEvents ORDER BY Seq", r => state.AddHubAddressEvent(new HubAddressEventRow
        {
            Address = r.GetString(0), Amount = r.GetInt64(1), Reason = (HubAddressReason)r.GetInt32(2), SweepBundleHash = Bundle(state, r.GetString(3))!, At = r.GetInt64(4),
        }));
        Read(connection, "SELECT Uuid, UserId, Amount, PayoutAddress, Tag, RequestedAt, SweepBundleHash, CancelledAt FROM Withdrawals ORDER BY Seq", r => state.AddWithdrawal(new WithdrawalRow
        {
            Uuid = r.GetString(0), UserId = r.GetString(1), Amount = r.GetInt64(2), PayoutAddress = r.GetString(3), Tag = r.GetString(4), RequestedAt = r.GetInt64(5),
            SweepBundleHash = Text(r, 6), CancelledAt = r.IsDBNull(7) ? null : r.GetInt64(7),
        }));
        Read(connection, "SELECT Address, Balance FROM TangleBalances", r => state.LoadTangleBalance(Address(state, r.GetString(0)), r.GetInt64(1)));
        Read(connection, "SELECT Address FROM SpentAddresses", r => state.MarkSpent(Address(state, r.GetString(0))));
        // Only what the monitor has still to look at is held; the rest stays in the file.
        Read(connection, "SELECT Seq, Address, Amount, TailHash FROM TangleTransfers WHERE Seen = 0 ORDER BY Seq", r =>
            state.AddTransfer(new TangleTransfer { Seq = r.GetInt64(0), Address = r.GetString(1), Amount = r.GetInt64(2), TailHash = r.GetString(3) }));
        state.Loaded(Max(connection, "SELECT MAX(Seq) FROM TangleTransfers"), Max(connection, "SELECT MAX(Seq) FROM SweepTails"));
    }

    private static void Read(SqliteConnection connection, string sql, Action<SqliteDataReader> row)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read()) row(reader);
    }

    private static long Max(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() is long max ? max : 0;
    }

    private static string? Bundle(EmulatorState state, string? hash) => hash is null ? null : state.Sweep(hash)?.BundleHash ?? hash;

    private static string Address(EmulatorState state, string address) => state.UserAddress(address)?.Address ?? address;

    private static string? Text(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
}
