using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Exchange.Core.Accounts;

internal sealed class ExchangeUserConfiguration : IEntityTypeConfiguration<ExchangeUser>
{
    public void Configure(EntityTypeBuilder<ExchangeUser> user) => user.Property(u => u.WithdrawalsLockedReason).HasMaxLength(Limits.StoredReason);
}
