namespace Exchange.Core.Proofs;

/// <summary>Configuration section <c>ProofOfLiabilities</c>.</summary>
public sealed class ProofOfLiabilitiesOptions
{
    public const string Section = "ProofOfLiabilities";

    /// <summary>
    /// The PEM file of the ECDSA P-256 private key that signs every manifest (a relative path is
    /// resolved against the content root). Required outside Development; in Development, unset, a
    /// key is made on first use in the app's data folder (<see cref="DevelopmentKeyPath"/>).
    /// </summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>How often a snapshot is taken.</summary>
    public TimeSpan Schedule { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How many of the newest snapshots keep their trees, so that users can get proofs of them; older ones keep their signed manifest.</summary>
    public int TreesKept { get; set; } = 30;

    public const string DevelopmentKeyPath = "data/proof-of-liabilities-key.pem";

    /// <summary>The job looks this often whether a snapshot is due: hourly, or at the schedule when that is shorter.</summary>
    public TimeSpan CheckInterval => Schedule < TimeSpan.FromHours(1) ? Schedule : TimeSpan.FromHours(1);

    /// <summary>
    /// A snapshot is due when the newest one is older than the schedule, give or take half a check:
    /// checks fall on the schedule's ticks only roughly, and a restart moves them.
    /// </summary>
    public bool IsDue(DateTime? newest, DateTime now) => newest is not { } taken || now - taken >= Schedule - CheckInterval / 2;
}
