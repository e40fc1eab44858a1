using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Exchange.Core.Ledger;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public const string AvailableNotNegative = "CK_Accounts_Available_NotNegative";
    public const string ReservedNotNegative = "CK_Accounts_Reserved_NotNegative";

    public void Configure(EntityTypeBuilder<Account> account)
    {
        account.Property(a => a.UserId).HasMaxLength(450);
        account.Property(a => a.Coin).HasMaxLength(10);
        account.HasIndex(a => new { a.UserId, a.Coin }).IsUnique();
        account.Ignore(a => a.Total);
        account.ToTable(t =>
        {
            t.HasCheckConstraint(AvailableNotNegative, "Available >= 0");
            t.HasCheckConstraint(ReservedNotNegative, "Reserved >= 0");
        });
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> entry)
    {
        entry.Property(e => e.UserId).HasMaxLength(450);
        entry.Property(e => e.Coin).HasMaxLength(10);
        entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        entry.Property(e => e.Cause).HasConversion<string>().HasMaxLength(16);
        entry.Property(e => e.OperatorId).HasMaxLength(450);
        entry.Property(e => e.Reason).HasMaxLength(Limits.StoredReason);
        entry.Property(e => e.Reference).HasMaxLength(200);
        entry.Property(e => e.IdempotencyKey).HasMaxLength(200);
        entry.HasIndex(e => e.IdempotencyKey).IsUnique();
        // A user's history, newest first, with keyset paging on Id.
        entry.HasIndex(e => new { e.UserId, e.Id }).IsDescending(false, true);
        entry.HasIndex(e => e.AccountId);
        // The operators' charts of deposits and withdrawals per hour read only the last hours of those kinds.
        entry.HasIndex(e => new { e.Kind, e.CreatedAt });
        entry.HasOne<Account>().WithMany().HasForeignKey(e => e.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
