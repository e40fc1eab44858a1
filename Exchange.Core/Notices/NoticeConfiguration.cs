using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Exchange.Core.Notices;

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> notice)
    {
        notice.ToTable("Notices");
        notice.Property(n => n.Type).HasMaxLength(NoticeTypes.NameLength);
        notice.Property(n => n.UserId).HasMaxLength(Limits.UserId);
        notice.Property(n => n.Data).HasMaxLength(Limits.NoticeData);
        // The dispatcher reads the undispatched ones in Id order.
        notice.HasIndex(n => new { n.DispatchedAt, n.Id });
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.ToTable("Notifications");
        notification.Property(n => n.UserId).HasMaxLength(Limits.UserId);
        notification.Property(n => n.Type).HasMaxLength(NoticeTypes.NameLength);
        notification.Property(n => n.Title).HasMaxLength(Limits.NotificationTitle);
        notification.Property(n => n.Text).HasMaxLength(Limits.NotificationText);
        notification.Property(n => n.Link).HasMaxLength(Limits.NotificationLink);
        notification.HasIndex(n => new { n.UserId, n.ReadAt });
        notification.HasIndex(n => new { n.UserId, n.Id });
    }
}

internal sealed class NoticePreferenceConfiguration : IEntityTypeConfiguration<NoticePreference>
{
    public void Configure(EntityTypeBuilder<NoticePreference> preference)
    {
        preference.ToTable("NoticePreferences");
        preference.HasKey(p => new { p.UserId, p.Type });
        preference.Property(p => p.UserId).HasMaxLength(Limits.UserId);
        preference.Property(p => p.Type).HasMaxLength(NoticeTypes.NameLength);
    }
}

internal sealed class KnownDeviceConfiguration : IEntityTypeConfiguration<KnownDevice>
{
    public void Configure(EntityTypeBuilder<KnownDevice> device)
    {
        device.ToTable("KnownDevices");
        device.Property(d => d.UserId).HasMaxLength(Limits.UserId);
        device.Property(d => d.DeviceHash).HasMaxLength(KnownDevice.HashLength);
        device.Property(d => d.LastAddress).HasMaxLength(KnownDevice.AddressLength);
        device.HasIndex(d => new { d.UserId, d.DeviceHash }).IsUnique();
    }
}

internal sealed class OpenAlertConfiguration : IEntityTypeConfiguration<OpenAlert>
{
    public void Configure(EntityTypeBuilder<OpenAlert> alert)
    {
        alert.ToTable("OpenAlerts");
        alert.HasKey(a => a.Key);
        alert.Property(a => a.Key).HasMaxLength(OpenAlert.KeyLength);
        alert.Property(a => a.Text).HasMaxLength(Limits.NotificationText);
    }
}
