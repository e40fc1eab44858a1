namespace Exchange.Web.Jobs;

/// <summary>Configuration section <c>Jobs</c>: the Hub jobs Quartz runs in-process.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>False leaves every job to "run now" (tests, or a node that should not poll Hub).</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan BalanceCheckInterval { get; set; } = TimeSpan.FromSeconds(3);
    public TimeSpan HotWalletSweepInterval { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan WithdrawalInterval { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan SweepMonitorInterval { get; set; } = TimeSpan.FromSeconds(5);
}
