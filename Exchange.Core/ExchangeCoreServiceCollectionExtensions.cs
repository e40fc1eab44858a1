using Exchange.Core.AccountFreeze;
using Exchange.Core.Accounts;
using Exchange.Core.AddressBook;
using Exchange.Core.Approvals;
using Exchange.Core.Audit;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Deposits;
using Exchange.Core.Email;
using Exchange.Core.Events;
using Exchange.Core.HotWallet;
using Exchange.Core.HubSync;
using Exchange.Core.Jobs;
using Exchange.Core.Ledger;
using Exchange.Core.Monitoring;
using Exchange.Core.Notices;
using Exchange.Core.Operations;
using Exchange.Core.Proofs;
using Exchange.Core.Sweeps;
using Exchange.Core.Webhooks;
using Exchange.Core.Withdrawals;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Exchange.Core;

public static class ExchangeCoreServiceCollectionExtensions
{
    /// <summary>The exchange's rules and persistence, a feature folder at a time: each registers its services and validates its settings.</summary>
    public static IHostApplicationBuilder AddExchangeCore(this IHostApplicationBuilder builder)
    {
        var (services, configuration) = (builder.Services, builder.Configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddDatabase(configuration);
        services.AddExchangeMetrics();
        services.AddEvents();
        services.AddCoins();
        services.AddLedger();
        services.AddAccountRules();
        services.AddAudit();
        services.AddDeposits();
        services.AddWithdrawals(configuration);
        services.AddHubSync(configuration);
        services.AddSweeps();
        services.AddJobRuns();
        services.AddOperations(configuration);
        services.AddHotWallet();
        services.AddApprovals();
        builder.AddProofOfLiabilities();
        builder.AddNotices();
        builder.AddEmail();
        builder.AddWebhooks();
        builder.AddAddressBook();
        builder.AddAccountFreeze();
        return builder;
    }
}
