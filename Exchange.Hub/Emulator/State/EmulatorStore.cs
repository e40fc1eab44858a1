using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Exchange.Hub.Emulator.State;

/// <summary>
/// Keeps the emulator's state in its own SQLite file, written after every change, so a restart
/// loses nothing (as Hub's database would not). The whole state is one JSON document: the
/// emulator serialises all commands anyway, and a demo Hub stays small.
/// </summary>
public sealed class EmulatorStore(string path)
{
    private readonly string connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();

    public EmulatorState Load()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT State FROM EmulatorState WHERE Id = 1";
        return command.ExecuteScalar() is string json ? JsonSerializer.Deserialize<EmulatorState>(json)! : new EmulatorState();
    }

    public void Save(EmulatorState state)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO EmulatorState (Id, State) VALUES (1, $state) ON CONFLICT(Id) DO UPDATE SET State = excluded.State";
        command.Parameters.AddWithValue("$state", JsonSerializer.Serialize(state));
        command.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE IF NOT EXISTS EmulatorState (Id INTEGER PRIMARY KEY, State TEXT NOT NULL)";
        create.ExecuteNonQuery();
        return connection;
    }
}
