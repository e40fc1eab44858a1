using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Exchange.Core.HubSync;

internal sealed class HubAccountConfiguration : IEntityTypeConfiguration<HubAccount>
{
    public void Configure(EntityTypeBuilder<HubAccount> account)
    {
        account.Property(a => a.UserId).HasMaxLength(450);
        account.Property(a => a.HubUserId).HasMaxLength(64);
        account.HasIndex(a => a.UserId).IsUnique();
        account.HasIndex(a => a.HubUserId).IsUnique();
        account.Ignore(a => a.Unmoved);
    }
}

internal sealed class HubCursorConfiguration : IEntityTypeConfiguration<HubCursor>
{
    public void Configure(EntityTypeBuilder<HubCursor> cursor)
    {
        cursor.HasKey(c => c.Name);
        cursor.Property(c => c.Name).HasMaxLength(64);
    }
}

internal sealed class UnrecognisedHubEventConfiguration : IEntityTypeConfiguration<UnrecognisedHubEvent>
{
    public void Configure(EntityTypeBuilder<UnrecognisedHubEvent> e)
    {
        e.Property(x => x.EventKey).HasMaxLength(300);
        e.Property(x => x.HubUserId).HasMaxLength(64);
        e.Property(x => x.Description).HasMaxLength(500);
        e.HasIndex(x => x.EventKey).IsUnique();
    }
}

internal sealed class HotWalletBatchConfiguration : IEntityTypeConfiguration<HotWalletBatch>
{
    public void Configure(EntityTypeBuilder<HotWalletBatch> batch)
    {
        batch.Property(b => b.State).HasConversion<string>().HasMaxLength(16);
        batch.Property(b => b.Reason).HasMaxLength(500);
        batch.Ignore(b => b.Transfers);
        batch.HasIndex(b => new { b.State, b.Id });
    }
}
