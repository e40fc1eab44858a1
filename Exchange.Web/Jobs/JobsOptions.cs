namespace Exchange.Web.Jobs;

/// <summary>Configuration section <c>Jobs</c>: the Hub jobs Quartz runs in-process.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>False leaves every job to "run now" (tests, or a node that should not poll Hub).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The wait between Hub recording a deposit and the user seeing it is mostly this poll
    /// (docs/benchmarks.md, section 7); an idle run is one small BalanceSubscription call.
    /// </summary>
    public TimeSpan BalanceCheckInterval { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan HotWalletSweepInterval { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan WithdrawalInterval { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan SweepMonitorInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>On a server database: how often each node records in the database that it is alive.</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>On a server database: how long past a missed check-in the other nodes take a node for dead and run what it left.</summary>
    public TimeSpan ClusterCheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>On SQLite: how long the jobs lease lasts without renewal; the holder renews it every third of this.</summary>
    public TimeSpan SqliteLeaseDuration { get; set; } = TimeSpan.FromSeconds(30);
}
