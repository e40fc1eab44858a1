namespace Exchange.Core.Data;

/// <summary>
/// The database cannot be used yet: unreachable, or its schema behind the app's. The message tells
/// the operator what is wrong; when <see cref="SchemaBehind"/>, the host adds the command it migrates with.
/// </summary>
public sealed class DatabaseNotReadyException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The schema is behind this build's migrations, and <c>Database:MigrateOnStart</c> is off.</summary>
    public bool SchemaBehind { get; init; }
}
