using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Exchange.Core.HotWallet;

internal sealed class HotWalletTransferConfiguration : IEntityTypeConfiguration<HotWalletTransfer>
{
    public void Configure(EntityTypeBuilder<HotWalletTransfer> transfer)
    {
        transfer.Property(t => t.Address).HasMaxLength(90);
        transfer.Property(t => t.HubReference).HasMaxLength(Limits.HubReference);
        transfer.Property(t => t.HubEventKey).HasMaxLength(400);
        transfer.Property(t => t.OperatorId).HasMaxLength(450);
        transfer.Property(t => t.Reason).HasMaxLength(Limits.StoredReason);
        transfer.HasIndex(t => t.HubEventKey).IsUnique();
        transfer.HasIndex(t => t.At);
    }
}
