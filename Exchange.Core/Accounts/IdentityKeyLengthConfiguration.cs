using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Exchange.Core.Accounts;

// Identity's UI sets Stores:MaxLengthForKeys to 128 in the app, and Identity reads it from the app's
// services while the model is built; dotnet-ef builds the model with no app services. Fixing the
// lengths here makes the model, and so the migrations, the same either way.

internal sealed class IdentityUserLoginKeyLengths : IEntityTypeConfiguration<IdentityUserLogin<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUserLogin<string>> login)
    {
        login.Property(l => l.LoginProvider).HasMaxLength(IdentityKeys.MaxLength);
        login.Property(l => l.ProviderKey).HasMaxLength(IdentityKeys.MaxLength);
    }
}

internal sealed class IdentityUserTokenKeyLengths : IEntityTypeConfiguration<IdentityUserToken<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUserToken<string>> token)
    {
        token.Property(t => t.LoginProvider).HasMaxLength(IdentityKeys.MaxLength);
        token.Property(t => t.Name).HasMaxLength(IdentityKeys.MaxLength);
    }
}

internal static class IdentityKeys
{
    public const int MaxLength = 128;
}
