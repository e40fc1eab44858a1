using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Exchange.Core.Webhooks;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> endpoint)
    {
        endpoint.ToTable("WebhookEndpoints");
        endpoint.Property(e => e.OwnerId).HasMaxLength(Limits.UserId);
        endpoint.Property(e => e.Audience).HasConversion<string>().HasMaxLength(16);
        endpoint.Property(e => e.Url).HasMaxLength(WebhookEndpoint.UrlLength);
        endpoint.Property(e => e.Description).HasMaxLength(WebhookEndpoint.DescriptionLength);
        endpoint.Property(e => e.EventTypes).HasMaxLength(WebhookEndpoint.EventTypesLength);
        endpoint.Property(e => e.ProtectedSecret).HasMaxLength(WebhookEndpoint.SecretLength);
        endpoint.Property(e => e.ProtectedPreviousSecret).HasMaxLength(WebhookEndpoint.SecretLength);
        endpoint.Property(e => e.DisabledReason).HasMaxLength(WebhookEndpoint.DescriptionLength);
        endpoint.Ignore(e => e.EventList);
        endpoint.HasIndex(e => new { e.Audience, e.OwnerId });
    }
}

internal sealed class WebhookMessageConfiguration : IEntityTypeConfiguration<WebhookMessage>
{
    public void Configure(EntityTypeBuilder<WebhookMessage> message)
    {
        message.ToTable("WebhookMessages");
        message.Property(m => m.MessageId).HasMaxLength(WebhookMessage.MessageIdLength);
        message.Property(m => m.Type).HasMaxLength(Notices.NoticeTypes.NameLength);
        message.Property(m => m.State).HasConversion<string>().HasMaxLength(16);
        message.Property(m => m.ClaimedBy).HasMaxLength(200);
        message.Property(m => m.LastError).HasMaxLength(WebhookMessage.ErrorLength);
        // Deleting an endpoint deletes its messages and their attempts.
        message.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(m => m.EndpointId).OnDelete(DeleteBehavior.Cascade);
        // The sender looks for due messages by state and time; the log reads an endpoint's newest.
        message.HasIndex(m => new { m.State, m.NextAttemptAt });
        message.HasIndex(m => new { m.EndpointId, m.Id });
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> attempt)
    {
        attempt.ToTable("WebhookAttempts");
        attempt.Property(a => a.Response).HasMaxLength(WebhookAttempt.ResponseLength);
        attempt.Property(a => a.Node).HasMaxLength(200);
        attempt.HasOne<WebhookMessage>().WithMany().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
        attempt.HasIndex(a => a.MessageId);
    }
}
