using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Exchange.Core.AddressBook;

internal sealed class AddressBookEntryConfiguration : IEntityTypeConfiguration<AddressBookEntry>
{
    public void Configure(EntityTypeBuilder<AddressBookEntry> entry)
    {
        entry.ToTable("AddressBookEntries");
        entry.Property(e => e.UserId).HasMaxLength(Limits.UserId);
        entry.Property(e => e.Coin).HasMaxLength(10);
        entry.Property(e => e.Address).HasMaxLength(Limits.WithdrawalAddress);
        entry.Property(e => e.Label).HasMaxLength(AddressBookEntry.LabelLength);
        // One entry per address and coin in a user's book: two adds at once cannot both save.
        entry.HasIndex(e => new { e.UserId, e.Coin, e.Address }).IsUnique();
        // What the activations job looks for on every run: entries not announced yet, by the time they become usable.
        entry.HasIndex(e => new { e.ActivationAnnouncedAt, e.ActiveFrom });
    }
}

internal sealed class SavedAddressesOnlyConfiguration : IEntityTypeConfiguration<SavedAddressesOnly>
{
    public void Configure(EntityTypeBuilder<SavedAddressesOnly> mode)
    {
        mode.ToTable("SavedAddressesOnly");
        mode.HasKey(m => m.UserId);
        mode.Property(m => m.UserId).HasMaxLength(Limits.UserId);
    }
}
