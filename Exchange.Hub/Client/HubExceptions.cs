namespace Exchange.Hub.Client;

/// <summary>Hub answered, and said no: the command failed for a reason Hub named.</summary>
public sealed class HubCommandException(string command, HubError error)
    : Exception($"Hub refused {command}: {error.Text()}")
{
    public string Command { get; } = command;
    public HubError Error { get; } = error;
}

/// <summary>
/// We do not know what Hub did: the connection failed or timed out, the answer was not a Hub
/// answer (HTTP 400/500, a body that is not Hub's JSON), or Hub answered a write with its catch-all
/// "Unknown error" (which a failing database gives too). A write may or may not have happened.
/// </summary>
public sealed class HubTransportException(string command, string message, Exception? inner = null)
    : Exception($"{command}: {message}", inner)
{
    public string Command { get; } = command;
}
