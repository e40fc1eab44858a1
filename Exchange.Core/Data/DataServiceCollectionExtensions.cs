using Exchange.Core.Monitoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Exchange.Core.Data;

internal static class DataServiceCollectionExtensions
{
    /// <summary>The database: its provider and connection from configuration (validated at start), a context factory per provider, the migrator.</summary>
    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .Validate(o => Enum.IsDefined(o.Provider), "Database:Provider must be Sqlite, SqlServer or PostgreSql.")
            .Validate(o => !o.IsServer || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Database:ConnectionString is required when Database:Provider is SqlServer or PostgreSql.")
            .ValidateOnStart();
        AddContextFactories(services);
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<ExchangeDbContext>>().CreateDbContext());
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }

    // The provider is read when the first context is made, not at registration, so that hosts
    // (and tests) may still change configuration after AddExchangeCore.
    private static void AddContextFactories(IServiceCollection services)
    {
        services.AddPooledDbContextFactory<SqliteExchangeDbContext>((sp, o) =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var contentRoot = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
            o.UseSqlite(SqliteConnectionStrings.Resolve(database.ConnectionString ?? DatabaseOptions.DefaultSqliteConnectionString, contentRoot))
                .AddInterceptors(sp.GetRequiredService<WithdrawalTransitionCounter>());
        });
        services.AddPooledDbContextFactory<SqlServerExchangeDbContext>((sp, o) =>
            o.UseSqlServer(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString).AddInterceptors(sp.GetRequiredService<WithdrawalTransitionCounter>()));
        services.AddPooledDbContextFactory<PostgreSqlExchangeDbContext>((sp, o) =>
            o.UseNpgsql(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString).AddInterceptors(sp.GetRequiredService<WithdrawalTransitionCounter>()));
        services.AddSingleton<IDbContextFactory<ExchangeDbContext>>(sp =>
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
            {
                DatabaseProvider.SqlServer => Shared<SqlServerExchangeDbContext>(sp),
                DatabaseProvider.PostgreSql => Shared<PostgreSqlExchangeDbContext>(sp),
                _ => Shared<SqliteExchangeDbContext>(sp),
            });
    }

    private static IDbContextFactory<ExchangeDbContext> Shared<TContext>(IServiceProvider services) where TContext : ExchangeDbContext =>
        new ExchangeDbContextFactory<TContext>(services.GetRequiredService<IDbContextFactory<TContext>>());
}
