using Exchange.Core.Accounts;
using Exchange.Core.Coins;
using Exchange.Core.Deposits;
using Exchange.Core.HubSync;
using Exchange.Core.Jobs;
using Exchange.Core.Ledger;
using Exchange.Core.Sweeps;
using Exchange.Core.Withdrawals;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Data;

/// <summary>
/// The exchange's database. Each provider has a derived context of its own
/// (<see cref="SqliteExchangeDbContext"/>, <see cref="SqlServerExchangeDbContext"/>,
/// <see cref="PostgreSqlExchangeDbContext"/>) so that each
/// keeps its own migrations; code everywhere else works with this type.
/// </summary>
public abstract class ExchangeDbContext(DbContextOptions options) : IdentityDbContext<ExchangeUser>(options), IDataProtectionKeyContext
{
    public DbSet<Coin> Coins => Set<Coin>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<DepositAddress> DepositAddresses => Set<DepositAddress>();
    public DbSet<Deposit> Deposits => Set<Deposit>();
    public DbSet<Withdrawal> Withdrawals => Set<Withdrawal>();
    public DbSet<WithdrawalRequestLock> WithdrawalRequestLocks => Set<WithdrawalRequestLock>();
    public DbSet<HubAccount> HubAccounts => Set<HubAccount>();
    public DbSet<HubCursor> HubCursors => Set<HubCursor>();
    public DbSet<HubBinding> HubBindings => Set<HubBinding>();
    public DbSet<UnrecognisedHubEvent> UnrecognisedHubEvents => Set<UnrecognisedHubEvent>();
    public DbSet<HotWalletBatch> HotWalletBatches => Set<HotWalletBatch>();
    public DbSet<JobRun> JobRuns => Set<JobRun>();
    public DbSet<JobState> JobStates => Set<JobState>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<HubSweep> HubSweeps => Set<HubSweep>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Audit.AuditEntry> AuditLog => Set<Audit.AuditEntry>();
    public DbSet<HotWallet.HotWalletTransfer> HotWalletTransfers => Set<HotWallet.HotWalletTransfer>();
    public DbSet<Approvals.OperatorRequest> OperatorRequests => Set<Approvals.OperatorRequest>();
    public DbSet<HotWallet.ColdStorageAddress> ColdStorageAddresses => Set<HotWallet.ColdStorageAddress>();
    public DbSet<Proofs.ProofMember> ProofMembers => Set<Proofs.ProofMember>();
    public DbSet<Proofs.ProofSnapshot> ProofSnapshots => Set<Proofs.ProofSnapshot>();
    public DbSet<Proofs.ProofSnapshotTotal> ProofSnapshotTotals => Set<Proofs.ProofSnapshotTotal>();
    public DbSet<Proofs.ProofSnapshotPart> ProofSnapshotParts => Set<Proofs.ProofSnapshotPart>();
    public DbSet<Exchange.Core.Notices.Notice> Notices => Set<Exchange.Core.Notices.Notice>();
    public DbSet<Exchange.Core.Notices.Notification> Notifications => Set<Exchange.Core.Notices.Notification>();
    public DbSet<Exchange.Core.Notices.NoticePreference> NoticePreferences => Set<Exchange.Core.Notices.NoticePreference>();
    public DbSet<Exchange.Core.Notices.KnownDevice> KnownDevices => Set<Exchange.Core.Notices.KnownDevice>();
    public DbSet<Exchange.Core.Notices.OpenAlert> OpenAlerts => Set<Exchange.Core.Notices.OpenAlert>();
    public DbSet<Exchange.Core.Email.OutboundEmail> OutboundEmails => Set<Exchange.Core.Email.OutboundEmail>();
    public DbSet<Exchange.Core.Email.EmailAttempt> EmailAttempts => Set<Exchange.Core.Email.EmailAttempt>();
    public DbSet<Exchange.Core.Webhooks.WebhookEndpoint> WebhookEndpoints => Set<Exchange.Core.Webhooks.WebhookEndpoint>();
    public DbSet<Exchange.Core.Webhooks.WebhookMessage> WebhookMessages => Set<Exchange.Core.Webhooks.WebhookMessage>();
    public DbSet<Exchange.Core.Webhooks.WebhookAttempt> WebhookAttempts => Set<Exchange.Core.Webhooks.WebhookAttempt>();
    public DbSet<AddressBook.AddressBookEntry> AddressBookEntries => Set<AddressBook.AddressBookEntry>();
    public DbSet<AddressBook.SavedAddressesOnly> SavedAddressesOnly => Set<AddressBook.SavedAddressesOnly>();
    public DbSet<LinkToken> LinkTokens => Set<LinkToken>();

    /// <summary>The web app's Data Protection key ring, so cookies outlive a restart and work on every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ExchangeDbContext).Assembly);
    }
}

public sealed class SqliteExchangeDbContext(DbContextOptions<SqliteExchangeDbContext> options) : ExchangeDbContext(options);

public sealed class SqlServerExchangeDbContext(DbContextOptions<SqlServerExchangeDbContext> options) : ExchangeDbContext(options);

public sealed class PostgreSqlExchangeDbContext(DbContextOptions<PostgreSqlExchangeDbContext> options) : ExchangeDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // PostgreSQL folds unquoted names to lower case; the other providers' constraints are written unquoted.
        builder.Entity<Account>().ToTable(t =>
        {
            t.HasCheckConstraint(AccountConfiguration.AvailableNotNegative, "\"Available\" >= 0");
            t.HasCheckConstraint(AccountConfiguration.ReservedNotNegative, "\"Reserved\" >= 0");
        });
        // The balance check updates these rows in bulk moments after writing them (an address seen, then
        // swept; a deposit credited; balances and Hub totals moved). Half of each page is kept free so that
        // PostgreSQL can write the new row version beside the old one (a HOT update) instead of into
        // every index as well (docs/benchmarks.md, section 1).
        builder.Entity<DepositAddress>().HasStorageParameter(FillFactor, UpdatedRowsFillFactor);
        builder.Entity<Deposit>().HasStorageParameter(FillFactor, UpdatedRowsFillFactor);
        builder.Entity<Account>().HasStorageParameter(FillFactor, UpdatedRowsFillFactor);
        builder.Entity<HubAccount>().HasStorageParameter(FillFactor, UpdatedRowsFillFactor);
    }

    private const string FillFactor = "fillfactor";
    private const int UpdatedRowsFillFactor = 50;
}
