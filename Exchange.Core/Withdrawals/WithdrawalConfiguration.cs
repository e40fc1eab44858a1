using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Exchange.Core.Withdrawals;

internal sealed class WithdrawalConfiguration : IEntityTypeConfiguration<Withdrawal>
{
    public void Configure(EntityTypeBuilder<Withdrawal> withdrawal)
    {
        withdrawal.Property(w => w.UserId).HasMaxLength(450);
        withdrawal.Property(w => w.Coin).HasMaxLength(10);
        withdrawal.Property(w => w.Address).HasMaxLength(Limits.WithdrawalAddress);
        withdrawal.Property(w => w.State).HasConversion<string>().HasMaxLength(20);
        withdrawal.Property(w => w.ApprovedBy).HasMaxLength(450);
        withdrawal.Property(w => w.HubUuid).HasMaxLength(36);
        withdrawal.Property(w => w.SweepBundleHash).HasMaxLength(81);
        withdrawal.Property(w => w.Reason).HasMaxLength(Limits.StoredReason);
        withdrawal.Property(w => w.Version).IsConcurrencyToken();
        withdrawal.HasIndex(w => w.HubUuid).IsUnique();
        withdrawal.Property(w => w.RequestKey).HasMaxLength(Withdrawal.RequestKeyMaxLength);
        // The same idempotency key twice creates one withdrawal, even when both requests race.
        withdrawal.HasIndex(w => new { w.UserId, w.RequestKey }).IsUnique();
        // The jobs' and operators' queues: open withdrawals by state.
        withdrawal.HasIndex(w => new { w.State, w.Id });
        withdrawal.HasIndex(w => new { w.UserId, w.Id });
    }
}
