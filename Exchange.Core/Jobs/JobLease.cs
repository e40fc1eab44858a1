using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Exchange.Core.Jobs;

/// <summary>
/// Who runs the jobs on a database that has no cluster scheduler (SQLite): the process holding
/// this row until <see cref="ExpiresAt"/>. It renews the row while it lives; once it stops, the
/// row expires and another process may take it.
/// </summary>
public sealed class JobLease
{
    public const int MaxHolderLength = 200;

    public string Name { get; init; } = "";
    public string Holder { get; set; } = "";
    public DateTime ExpiresAt { get; set; }
}

/// <summary>Takes, renews and gives back the jobs lease.</summary>
public sealed class JobLeases(IDbContextFactory<ExchangeDbContext> contexts, TimeProvider time)
{
    public const string Jobs = "jobs";

    /// <summary>Takes the lease for <paramref name="duration"/> when it is free, expired or already this holder's; returns it as it stands then.</summary>
    public async Task<JobLease> TakeAsync(string holder, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var now = Now;
        await using (var db = contexts.CreateDbContext())
        {
            var taken = await db.JobLeases.Where(l => l.Name == Jobs && (l.Holder == holder || l.ExpiresAt <= now))
                .ExecuteUpdateAsync(u => u.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, now + duration), cancellationToken);
            if (taken == 0) await TryAddAsync(db, holder, now + duration, cancellationToken);
        }
        await using var read = contexts.CreateDbContext();
        return await read.JobLeases.AsNoTracking().SingleAsync(l => l.Name == Jobs, cancellationToken);
    }

    /// <summary>Lets the lease expire now, so that another process need not wait for it.</summary>
    public async Task ReleaseAsync(string holder, CancellationToken cancellationToken = default)
    {
        var now = Now;
        await using var db = contexts.CreateDbContext();
        await db.JobLeases.Where(l => l.Name == Jobs && l.Holder == holder && l.ExpiresAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.ExpiresAt, now), cancellationToken);
    }

    private static async Task TryAddAsync(ExchangeDbContext db, string holder, DateTime until, CancellationToken cancellationToken)
    {
        if (await db.JobLeases.AnyAsync(l => l.Name == Jobs, cancellationToken)) return;
        db.JobLeases.Add(new JobLease { Name = Jobs, Holder = holder, ExpiresAt = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another process added it first: it holds the lease.
        }
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> lease)
    {
        lease.HasKey(l => l.Name);
        lease.Property(l => l.Name).HasMaxLength(64);
        lease.Property(l => l.Holder).HasMaxLength(JobLease.MaxHolderLength);
    }
}
