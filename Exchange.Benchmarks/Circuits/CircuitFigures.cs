namespace Exchange.Benchmarks.Circuits;

/// <summary>What <see cref="CircuitsBenchmarkCommand"/> measured, and its table.</summary>
internal sealed record CircuitFigures(
    int Requested, int Connected, int Dropped, List<double> EventToClientMs,
    List<double> OpenMs, TimeSpan OpeningWall, List<string> OpenFailures,
    ServerMemory Baseline, ServerMemory Loaded, ServerMemory AfterUpdates, int EventsSent, TimeSpan Sending, int EventsPerSecond,
    TimeSpan UsersCreated, TimeSpan CookiesMinted, TimeSpan SignInOverHttp, int SignInSample,
    List<string> JavaScriptCalls, string? FirstDrop)
{
    public int Updated => EventToClientMs.Count;

    public bool Passed => Connected == Requested && Dropped == 0 && Updated == Connected;

    public void Print(TextWriter output)
    {
        var perCircuit = (double)Math.Max(1, Connected) * 1024;
        output.WriteLine($"""

            circuits requested        {Requested}
            circuits connected        {Connected} (open p50 {P(OpenMs, 0.50):0} ms, p95 {P(OpenMs, 0.95):0} ms; all in {OpeningWall.TotalSeconds:0.0} s)
            circuits dropped          {Dropped}
            users                     {Requested} created through Identity in {UsersCreated.TotalSeconds:0.0} s (one password hash for all); {SignInSample} signed in over HTTP at {SignInOverHttp.TotalMilliseconds:0} ms each, the rest got the app's own cookie in {CookiesMinted.TotalSeconds:0.0} s
            server baseline           {Mb(Baseline.WorkingSet)} MB working set, {Mb(Baseline.ManagedHeap)} MB managed heap after a full GC
            server with circuits      {Mb(Loaded.WorkingSet)} MB working set, {Mb(Loaded.ManagedHeap)} MB managed heap after a full GC
            memory per circuit        {(Loaded.WorkingSet - Baseline.WorkingSet) / perCircuit:0} KB working set, {(Loaded.ManagedHeap - Baseline.ManagedHeap) / perCircuit:0} KB managed heap
            ... once updated          {(AfterUpdates.WorkingSet - Baseline.WorkingSet) / perCircuit:0} KB working set, {(AfterUpdates.ManagedHeap - Baseline.ManagedHeap) / perCircuit:0} KB managed heap (the dashboard shows its first ledger entry)
            events                    {EventsSent} BalanceChanged over Redis, asked {EventsPerSecond}/s, sent {EventsSent / Math.Max(0.001, Sending.TotalSeconds):0}/s
            event to client           p50 {P(EventToClientMs, 0.50):0} ms, p95 {P(EventToClientMs, 0.95):0} ms, p99 {P(EventToClientMs, 0.99):0} ms, max {P(EventToClientMs, 1):0} ms
            updated                   {Updated} of {Connected} connected circuits
            JavaScript calls answered {string.Join(", ", JavaScriptCalls)}
            check                     {(Passed ? "every circuit connected, got its update, none dropped: OK" : Failure())}
            """);
    }

    private string Failure()
    {
        var reasons = new List<string>();
        if (Connected < Requested) reasons.Add($"{Requested - Connected} did not connect (first: {OpenFailures.FirstOrDefault()})");
        if (Dropped > 0) reasons.Add($"{Dropped} dropped (first: {FirstDrop})");
        if (Updated < Connected) reasons.Add($"{Connected - Updated} never showed their update");
        return "FAILED: " + string.Join("; ", reasons);
    }

    private static double P(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Mb(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
}
