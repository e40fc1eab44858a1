using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Exchange.Core.Deposits;

internal sealed class DepositAddressConfiguration : IEntityTypeConfiguration<DepositAddress>
{
    public void Configure(EntityTypeBuilder<DepositAddress> address)
    {
        address.Property(a => a.UserId).HasMaxLength(450);
        address.Property(a => a.Coin).HasMaxLength(10);
        address.Property(a => a.Address).HasMaxLength(90).IsFixedLength();
        address.HasIndex(a => a.Address).IsUnique();
        address.HasIndex(a => new { a.UserId, a.Coin, a.Id });
        address.Property(a => a.Address81).HasMaxLength(81).IsFixedLength();
        address.HasIndex(a => a.Address81).IsUnique();
        address.Property(a => a.SweepBundleHash).HasMaxLength(81);
        address.Ignore(a => a.IsUsed);
    }
}

internal sealed class DepositConfiguration : IEntityTypeConfiguration<Deposit>
{
    public void Configure(EntityTypeBuilder<Deposit> deposit)
    {
        deposit.Property(d => d.UserId).HasMaxLength(450);
        deposit.Property(d => d.Coin).HasMaxLength(10);
        deposit.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
        deposit.Property(d => d.TailHash).HasMaxLength(81);
        deposit.Property(d => d.SweepBundleHash).HasMaxLength(81);
        deposit.Property(d => d.HubEventKey).HasMaxLength(300);
        deposit.HasIndex(d => d.HubEventKey).IsUnique();
        deposit.HasIndex(d => new { d.UserId, d.Id });
        deposit.HasIndex(d => d.DepositAddressId);
        deposit.HasOne<DepositAddress>().WithMany().HasForeignKey(d => d.DepositAddressId).OnDelete(DeleteBehavior.Restrict);
    }
}
