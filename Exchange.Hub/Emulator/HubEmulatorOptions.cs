using System.ComponentModel.DataAnnotations;

namespace Exchange.Hub.Emulator;

/// <summary>Configuration section <c>HubEmulator</c>. Defaults are fast, for a demo; Hub's own are noted.</summary>
public sealed class HubEmulatorOptions
{
    public const string Section = "HubEmulator";

    /// <summary>
    /// Host the emulator in the exchange's own process outside Development (a demo deployment).
    /// In Development it is hosted whenever <c>Hub:Url</c> is unset.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>Where the emulator listens; the seed guide's Hub address by default.</summary>
    public string Url { get; set; } = "http://127.0.0.1:8888";

    /// <summary>The SQLite file that holds the emulator's state.</summary>
    [Required] public string DatabasePath { get; set; } = "data/hub-emulator.db";

    /// <summary>False keeps the state in memory only (for benchmarks of the exchange, where saving a large Hub would dominate).</summary>
    public bool Persist { get; set; } = true;

    /// <summary>Address monitor interval (Hub: 60 s). Zero turns the timer off; ticks can still be run by hand.</summary>
    public TimeSpan MonitorInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Sweep interval (Hub: 600 s).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attachment interval (Hub: 240 s).</summary>
    public TimeSpan AttachmentInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long after its first attachment a sweep confirms.</summary>
    public TimeSpan ConfirmationDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>An unconfirmed tail older than this is reattached (a new tail).</summary>
    public TimeSpan ReattachAfter { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1, 1000)] public int SweepMaxWithdrawals { get; set; } = 7;
    [Range(1, 100000)] public int SweepMaxDeposits { get; set; } = 5;

    /// <summary>False: whole-second timestamps, as Hub on MariaDB. True: milliseconds, as Hub on SQLite.</summary>
    public bool MillisecondTimestamps { get; set; }

    /// <summary>Security level of generated addresses: transactions per input.</summary>
    [Range(1, 3)] public int KeySecurityLevel { get; set; } = 2;

    public bool SignBundleEnabled { get; set; }
    public bool RecoverFundsEnabled { get; set; }
    public bool GetSeedForAddressEnabled { get; set; }

    /// <summary>With a value, SignBundle checks its authenticationToken against it (Hub's hmac provider); without, any token passes.</summary>
    public string? SignBundleToken { get; set; }

    public static HubEmulatorOptions HubDefaults() => new()
    {
        MonitorInterval = TimeSpan.FromSeconds(60),
        SweepInterval = TimeSpan.FromSeconds(600),
        AttachmentInterval = TimeSpan.FromSeconds(240),
        ConfirmationDelay = TimeSpan.FromMinutes(10),
        ReattachAfter = TimeSpan.FromMinutes(30),
    };
}
