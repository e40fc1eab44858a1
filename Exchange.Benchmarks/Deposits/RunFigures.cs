namespace Exchange.Benchmarks.Deposits;

/// <summary>What one way of crediting and moving the seeded deposits did, and how long it took.</summary>
internal sealed record RunFigures(
    string Name, long Users, long Deposits, long Postings, long AmountCredited, long Moved, long? EventsRead,
    TimeSpan Crediting, TimeSpan Moving, int HubCalls, long PeakWorkingSet)
{
    public TimeSpan Wall => Crediting + Moving;

    /// <summary>Deposits credited and moved per second; a run that moved nothing moved none.</summary>
    public double DepositsPerSecond => Moved > 0 ? Deposits / Wall.TotalSeconds : 0;

    public double MicrosecondsPerDeposit => Wall.TotalMicroseconds / Deposits;
}
