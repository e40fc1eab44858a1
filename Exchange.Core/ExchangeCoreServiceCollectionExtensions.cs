using Exchange.Core.AccountFreeze;
using Exchange.Core.AddressBook;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Email;
using Exchange.Core.Events;
using Exchange.Core.HubSync;
using Exchange.Core.Ledger;
using Exchange.Core.Monitoring;
using Exchange.Core.Notices;
using Exchange.Core.Proofs;
using Exchange.Core.Webhooks;
using Exchange.Core.Withdrawals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Exchange.Core;

public static class ExchangeCoreServiceCollectionExtensions
{
    /// <summary>The exchange's rules and persistence: database (provider from configuration), coins, balances.</summary>
    public static IHostApplicationBuilder AddExchangeCore(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DatabaseOptions>()
            .Bind(builder.Configuration.GetSection(DatabaseOptions.Section))
            .Validate(o => Enum.IsDefined(o.Provider), "Database:Provider must be Sqlite, SqlServer or PostgreSql.")
            .Validate(o => !o.IsServer || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Database:ConnectionString is required when Database:Provider is SqlServer or PostgreSql.")
            .ValidateOnStart();

        services.AddExchangeMetrics();
        AddDatabase(services);
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<ExchangeDbContext>>().CreateDbContext());
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<CoinCatalogue>();
        services.AddSingleton<BalanceQueries>();
        services.AddSingleton<Accounts.UserDirectory>();
        services.AddSingleton<Accounts.ApiKeys>();
        services.AddSingleton<IExchangeEvents, Events.InProcessExchangeEvents>();
        services.AddSingleton<LedgerService>();
        services.AddSingleton<Reconciliation>();
        services.AddSingleton<LedgerHistory>();
        services.AddSingleton<BalanceHistory>();
        services.AddSingleton<WithdrawalValidator>();
        services.AddOptions<WithdrawalSecurityOptions>().Bind(builder.Configuration.GetSection(WithdrawalSecurityOptions.Section))
            .Validate(o => o.TwoFactorRequiredAboveUsd is null or >= 0, "WithdrawalSecurity:TwoFactorRequiredAboveUsd must not be negative.")
            .Validate(o => o.HoldAfterSecurityChange >= TimeSpan.Zero, "WithdrawalSecurity:HoldAfterSecurityChange must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<WithdrawalTwoFactorRule>();
        services.AddSingleton<ManualCreditReview>();
        services.AddSingleton<WithdrawalService>();

        // Hub synchronisation (the jobs call these)
        services.AddOptions<HubSyncOptions>().Bind(builder.Configuration.GetSection(HubSyncOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<HubSyncOptions>, HubTimeoutFitsGrace>();
        services.TryAddSingleton<ISyncCheckpoints, NoCheckpoints>();
        services.AddSingleton<Deposits.DepositAddressService>();
        services.AddSingleton<BalanceSync>();
        services.AddSingleton<HubBindings>();
        services.AddSingleton<HotWalletSweeper>();
        services.AddSingleton<UnknownWithdrawals>();
        services.AddSingleton<WithdrawalProcessor>();
        services.AddSingleton<WithdrawalCancellation>();
        services.AddSingleton<Sweeps.SweepMonitor>();
        services.AddSingleton<Sweeps.SweepQueries>();
        services.AddSingleton<Jobs.JobRunner>();
        services.AddSingleton<Jobs.JobStates>();
        services.AddSingleton<Jobs.JobLeases>();
        services.TryAddSingleton<Jobs.IJobsNode, Jobs.SingleJobsNode>();
        services.AddSingleton<Operations.OperatorOverview>();
        services.AddSingleton<Operations.OverviewSnapshot>();
        services.AddSingleton<Operations.OperatorCharts>();

        // Operators
        services.AddOptions<Operations.OperatorOptions>().Bind(builder.Configuration.GetSection(Operations.OperatorOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.StuckWithdrawalAge > TimeSpan.Zero, "Operator:StuckWithdrawalAge must be positive.")
            .Validate(o => o.OverviewRefresh > TimeSpan.Zero, "Operator:OverviewRefresh must be positive.")
            .Validate(o => o.FourEyesAboveUsd >= 0, "Operator:FourEyesAboveUsd must not be negative.")
            .Validate(o => o.ManualCreditWithdrawalReview > TimeSpan.Zero, "Operator:ManualCreditWithdrawalReview must be positive.")
            .ValidateOnStart();
        services.AddSingleton<Audit.AuditLog>();
        services.AddSingleton<Accounts.OperatorStepUp>();
        services.AddSingleton<Accounts.AdjustmentFourEyes>();
        services.AddSingleton<Accounts.UserAdministration>();
        services.AddSingleton<HotWallet.HotWalletService>();
        services.AddSingleton<HotWallet.ColdStorageAllowList>();
        services.AddSingleton<Approvals.OperatorRequests>();
        services.AddSingleton<Approvals.ApprovalQueue>();
        services.AddSingleton<CoinSettings>();

        builder.AddProofOfLiabilities();
        builder.AddNotices();
        builder.AddEmail();
        builder.AddWebhooks();
        builder.AddAddressBook();
        builder.AddAccountFreeze();
        return builder;
    }

    // The provider is read when the first context is made, not at registration, so that hosts
    // (and tests) may still change configuration after AddExchangeCore.
    private static void AddDatabase(IServiceCollection services)
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
