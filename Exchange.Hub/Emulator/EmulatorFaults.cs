namespace Exchange.Hub.Emulator;

/// <summary>The ways a real Hub or the network between can fail, injected for the next calls.</summary>
public enum FaultKind
{
    None,
    /// <summary>The connection closes without a response.</summary>
    Drop,
    /// <summary>The answer comes, but only after a delay (longer than a client's timeout).</summary>
    Delay,
    /// <summary>HTTP 500 with a plain-text body.</summary>
    Http500,
    /// <summary>HTTP 200 with a body that is not JSON.</summary>
    Garbage,
    /// <summary>The IOTA node behind Hub is down: node-touching commands fail, services skip their ticks.</summary>
    NodeUnavailable,
    /// <summary>One command answers a given Hub error (a failing database or remote signer).</summary>
    Error,
}

public sealed record Fault(FaultKind Kind, int Count, TimeSpan Delay, string? Command, HubError? Error);

internal sealed class EmulatorFaults
{
    private readonly Lock gate = new();
    private readonly List<Fault> pending = [];

    public void Add(Fault fault)
    {
        lock (gate)
        {
            if (fault.Kind == FaultKind.None) pending.Clear();
            else pending.Add(fault);
        }
    }

    public IReadOnlyList<Fault> Pending
    {
        get { lock (gate) return pending.ToList(); }
    }

    /// <summary>Takes one use of the first transport fault (drop, delay, 500, garbage) for this command (or for any), if any.</summary>
    public Fault? TakeTransport(string? command) =>
        Take(f => f.Kind is FaultKind.Drop or FaultKind.Delay or FaultKind.Http500 or FaultKind.Garbage && (f.Command is null || f.Command == command));

    public bool TakeNodeUnavailable() => Take(f => f.Kind == FaultKind.NodeUnavailable) is not null;

    public bool NodeUnavailable
    {
        get { lock (gate) return pending.Any(f => f.Kind == FaultKind.NodeUnavailable); }
    }

    public HubError? TakeError(string command) => Take(f => f.Kind == FaultKind.Error && f.Command == command)?.Error;

    private Fault? Take(Func<Fault, bool> match)
    {
        lock (gate)
        {
            var index = pending.FindIndex(f => match(f));
            if (index < 0) return null;
            var fault = pending[index];
            if (fault.Count <= 1) pending.RemoveAt(index);
            else pending[index] = fault with { Count = fault.Count - 1 };
            return fault;
        }
    }
}
