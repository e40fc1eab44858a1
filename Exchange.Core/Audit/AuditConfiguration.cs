using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Exchange.Core.Audit;

internal sealed class AuditConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("AuditLog");
        entry.Property(e => e.OperatorId).HasMaxLength(Limits.UserId);
        entry.Property(e => e.OperatorEmail).HasMaxLength(Limits.Email);
        entry.Property(e => e.Action).HasMaxLength(100);
        entry.Property(e => e.Subject).HasMaxLength(Limits.AuditSubject);
        entry.Property(e => e.Before).HasMaxLength(Limits.AuditText);
        entry.Property(e => e.After).HasMaxLength(Limits.AuditText);
        entry.Property(e => e.Reason).HasMaxLength(Limits.AuditText);
        entry.HasIndex(e => e.At);
    }
}
