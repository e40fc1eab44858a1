using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Exchange.Core.HotWallet;

internal sealed class ColdStorageAddressConfiguration : IEntityTypeConfiguration<ColdStorageAddress>
{
    public void Configure(EntityTypeBuilder<ColdStorageAddress> address)
    {
        address.Property(a => a.Address).HasMaxLength(90);
        address.Property(a => a.Label).HasMaxLength(100);
        address.Property(a => a.AddedBy).HasMaxLength(450);
        address.Property(a => a.ApprovedBy).HasMaxLength(450);
        address.HasIndex(a => a.Address).IsUnique();
    }
}
