using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Exchange.Core.Email;

internal sealed class OutboundEmailConfiguration : IEntityTypeConfiguration<OutboundEmail>
{
    public void Configure(EntityTypeBuilder<OutboundEmail> email)
    {
        email.ToTable("OutboundEmails");
        email.Property(e => e.To).HasMaxLength(Limits.Email);
        email.Property(e => e.Subject).HasMaxLength(Limits.EmailSubject);
        email.Property(e => e.Kind).HasMaxLength(64);
        email.Property(e => e.MessageId).HasMaxLength(200);
        email.Property(e => e.State).HasConversion<string>().HasMaxLength(16);
        email.Property(e => e.ClaimedBy).HasMaxLength(200);
        email.Property(e => e.LastError).HasMaxLength(Limits.SmtpReply);
        // The sender looks for due mails by state and time.
        email.HasIndex(e => new { e.State, e.NextAttemptAt });
    }
}

internal sealed class EmailAttemptConfiguration : IEntityTypeConfiguration<EmailAttempt>
{
    public void Configure(EntityTypeBuilder<EmailAttempt> attempt)
    {
        attempt.ToTable("EmailAttempts");
        attempt.Property(a => a.Reply).HasMaxLength(Limits.SmtpReply);
        attempt.Property(a => a.Node).HasMaxLength(200);
        attempt.HasIndex(a => a.EmailId);
    }
}
