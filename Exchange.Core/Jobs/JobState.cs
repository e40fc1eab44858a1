using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Exchange.Core.Jobs;

/// <summary>
/// What every node must agree on about a job, kept in the database so it also outlives a restart:
/// whether an operator paused it, and how long it backs off after failures in a row.
/// </summary>
public sealed class JobState
{
    public string Job { get; init; } = "";
    public bool Paused { get; set; }
    public int Failures { get; set; }

    /// <summary>Until when a scheduled run is skipped after the last failure (UTC); null when the last run succeeded.</summary>
    public DateTime? RetryAt { get; set; }
}

internal sealed class JobStateConfiguration : IEntityTypeConfiguration<JobState>
{
    public void Configure(EntityTypeBuilder<JobState> state)
    {
        state.HasKey(s => s.Job);
        state.Property(s => s.Job).HasMaxLength(64);
    }
}
