using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Exchange.Core.Jobs;

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> run)
    {
        run.Property(r => r.Job).HasMaxLength(64);
        run.Property(r => r.Summary).HasMaxLength(500);
        run.Property(r => r.Error).HasMaxLength(Limits.JobError);
        run.Property(r => r.Node).HasMaxLength(JobLease.MaxHolderLength);
        run.Ignore(r => r.Duration);
        run.HasIndex(r => new { r.Job, r.Id });
        // The operators' chart of failed runs per hour reads only the recent failures.
        run.HasIndex(r => new { r.Succeeded, r.StartedAt });
    }
}
