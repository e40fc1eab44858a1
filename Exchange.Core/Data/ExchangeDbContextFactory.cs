using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Data;

/// <summary>Hands out the provider's derived context as the common <see cref="ExchangeDbContext"/>.</summary>
internal sealed class ExchangeDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<ExchangeDbContext>
    where TContext : ExchangeDbContext
{
    public ExchangeDbContext CreateDbContext() => inner.CreateDbContext();
}
