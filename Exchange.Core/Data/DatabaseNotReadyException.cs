namespace Exchange.Core.Data;

/// <summary>The database cannot be used yet: unreachable, or its schema behind the app's. The message tells the operator what to do.</summary>
public sealed class DatabaseNotReadyException(string message, Exception? inner = null) : Exception(message, inner);
