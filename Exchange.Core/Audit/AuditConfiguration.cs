using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Exchange.Core.Audit;

internal sealed class AuditConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("AuditLog");
        entry.Property(e => e.OperatorId).HasMaxLength(450);
        entry.Property(e => e.OperatorEmail).HasMaxLength(256);
        entry.Property(e => e.Action).HasMaxLength(100);
        entry.Property(e => e.Subject).HasMaxLength(200);
        entry.Property(e => e.Before).HasMaxLength(1000);
        entry.Property(e => e.After).HasMaxLength(1000);
        entry.Property(e => e.Reason).HasMaxLength(1000);
        entry.HasIndex(e => e.At);
    }
}
