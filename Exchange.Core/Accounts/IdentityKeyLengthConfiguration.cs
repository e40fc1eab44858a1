using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Exchange.Core.Accounts;

// Identity's UI sets Stores:MaxLengthForKeys to 128 in the app, and Identity reads it from the app's
// services while the model is built; dotnet-ef builds the model with no app services, and the
// migrations have these keys unbounded. Clearing the length makes the app's model the migrations'
// (PostgreSQL otherwise refuses to migrate: "pending model changes").

internal sealed class IdentityUserLoginKeyLengths : IEntityTypeConfiguration<IdentityUserLogin<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUserLogin<string>> login)
    {
        login.Property(l => l.LoginProvider).Metadata.SetMaxLength(null);
        login.Property(l => l.ProviderKey).Metadata.SetMaxLength(null);
    }
}

internal sealed class IdentityUserTokenKeyLengths : IEntityTypeConfiguration<IdentityUserToken<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUserToken<string>> token)
    {
        token.Property(t => t.LoginProvider).Metadata.SetMaxLength(null);
        token.Property(t => t.Name).Metadata.SetMaxLength(null);
    }
}
