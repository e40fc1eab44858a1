namespace Exchange.Hub.Emulator.State;

/// <summary>The rows one command or tick added or changed: what the store writes, in one transaction.</summary>
public sealed class ChangeSet
{
    private long number = 1;

    public List<EmulatorRow> Rows { get; } = [];

    /// <summary>Addresses whose Tangle balance changed.</summary>
    public HashSet<string> TangleBalances { get; } = [];

    public List<string> NewlySpent { get; } = [];

    public bool IsEmpty => Rows.Count == 0 && TangleBalances.Count == 0 && NewlySpent.Count == 0;

    /// <summary>False while the state is being loaded: what is read is not written back.</summary>
    internal bool Recording { get; set; } = true;

    internal void Mark(EmulatorRow row)
    {
        if (!Recording || row.MarkedIn == number) return;
        row.MarkedIn = number;
        Rows.Add(row);
    }

    internal void MarkTangle(string address)
    {
        if (Recording) TangleBalances.Add(address);
    }

    internal void MarkSpent(string address)
    {
        if (Recording) NewlySpent.Add(address);
    }

    /// <summary>Starts the next change (after a write, or when nothing is persisted).</summary>
    public void Clear()
    {
        number++;
        Rows.Clear();
        TangleBalances.Clear();
        NewlySpent.Clear();
    }
}
