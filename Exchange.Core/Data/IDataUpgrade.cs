namespace Exchange.Core.Data;

/// <summary>
/// A change to existing rows that follows a schema change or a change of how something is stored
/// (e.g. encrypting a column that was plain). It runs every time the database is prepared, after
/// the migrations, on every node: it must find its own work, be idempotent, and be safe against
/// another node running it at the same moment.
/// </summary>
public interface IDataUpgrade
{
    /// <summary>Upgrades what is left to upgrade and returns how many rows it changed.</summary>
    Task<int> RunAsync(CancellationToken cancellationToken = default);
}
