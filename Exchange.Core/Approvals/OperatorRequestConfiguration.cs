using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Exchange.Core.Approvals;

internal sealed class OperatorRequestConfiguration : IEntityTypeConfiguration<OperatorRequest>
{
    public void Configure(EntityTypeBuilder<OperatorRequest> request)
    {
        request.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        request.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        request.Property(r => r.RequestedBy).HasMaxLength(Limits.UserId);
        request.Property(r => r.IdempotencyKey).HasMaxLength(100);
        request.Property(r => r.Reason).HasMaxLength(Limits.StoredReason);
        request.Property(r => r.UserId).HasMaxLength(Limits.UserId);
        request.Property(r => r.Coin).HasMaxLength(10);
        request.Property(r => r.Address).HasMaxLength(90);
        request.Property(r => r.Label).HasMaxLength(100);
        request.Property(r => r.Summary).HasMaxLength(500);
        request.Property(r => r.Outcome).HasMaxLength(OperatorRequest.MaxOutcomeLength);
        request.Property(r => r.DecidedBy).HasMaxLength(Limits.UserId);
        request.Property(r => r.DecisionReason).HasMaxLength(Limits.StoredReason);
        request.ComplexProperty(r => r.RulesBefore, rules => rules.Property(v => v.UsdPrice).HasPrecision(18, 8));
        request.ComplexProperty(r => r.RulesAfter, rules => rules.Property(v => v.UsdPrice).HasPrecision(18, 8));
        // The same key twice from one operator is one request, even when two posts race.
        request.HasIndex(r => new { r.RequestedBy, r.IdempotencyKey }).IsUnique();
        request.HasIndex(r => new { r.State, r.Id });
        // Every withdrawal request asks whether its user was credited by hand lately.
        request.HasIndex(r => r.UserId);
    }
}
