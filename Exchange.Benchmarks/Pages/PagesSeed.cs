using Exchange.Benchmarks.Harness;
using Exchange.Core.Accounts;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Ledger;
using Exchange.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Benchmarks.Pages;

/// <summary>One signed-in user of the benchmark and the balance its pages must show.</summary>
internal sealed record BenchmarkUser(string Email, string Id, long Available);

/// <summary>What the seed wrote: the signed-in users, how many entries are theirs, and the coin their balances are in.</summary>
internal sealed record SeededDatabase(IReadOnlyList<BenchmarkUser> Users, long SignedInRows, Coin Iota);

/// <summary>
/// The benchmark's database before the server starts (not timed): the users' logins, and N IOTA
/// deposits in the ledger, nine in ten on the signed-in users and the rest on a crowd of others,
/// interleaved as they would arrive, each account ending at the sum of its entries.
/// </summary>
internal static class PagesSeed
{
    public const string Password = "Bench-pass-123";
    public const long DepositAmount = 1_000;

    public static async Task<SeededDatabase> RunAsync(string folder, int users, int rows)
    {
        using var host = await MigratedHostAsync(folder);
        var signedIn = await CreateLoginsAsync(host.Services, users);
        var others = Enumerable.Range(0, Math.Clamp(rows / 1000, 1, 1000)).Select(i => $"bench-other-{i}").ToList();
        var counts = await InsertEntriesAsync(host.Services, signedIn.Select(u => u.Id).ToList(), others, rows);
        var iota = (await host.Services.GetRequiredService<CoinCatalogue>().CurrentAsync()).Iota;
        SqliteConnection.ClearAllPools();
        return new SeededDatabase(signedIn.Select(u => u with { Available = counts[u.Id] * DepositAmount }).ToList(), signedIn.Sum(u => counts[u.Id]), iota);
    }

    /// <summary>The exchange's Core and Identity over a new, migrated SQLite file in <paramref name="folder"/>.</summary>
    public static async Task<IHost> MigratedHostAsync(string folder)
    {
        var builder = BenchmarkHost.Create(folder);
        builder.Services.AddIdentityCore<ExchangeUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<ExchangeDbContext>();
        builder.Services.AddScoped<OperatorAccounts>();
        var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        return host;
    }

    /// <summary>Logins bench-0@example.com... with <see cref="Password"/>, made as an operator's create-operator verb makes them.</summary>
    public static async Task<List<BenchmarkUser>> CreateLoginsAsync(IServiceProvider services, int users)
    {
        var created = new List<BenchmarkUser>();
        for (var i = 0; i < users; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var email = $"bench-{i}@example.com";
            var result = await scope.ServiceProvider.GetRequiredService<OperatorAccounts>().CreateAsync(email, Password, isOperator: false);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors));
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<ExchangeUser>>().FindByEmailAsync(email);
            created.Add(new BenchmarkUser(email, user!.Id, 0));
        }
        return created;
    }

    // Each account opened by the ledger with its first deposit, then raw inserts in one
    // transaction (a million rows through the change tracker would take minutes), then each
    // account set to the sum of its entries, as the ledger would have left it.
    private static async Task<Dictionary<string, long>> InsertEntriesAsync(IServiceProvider services, List<string> signedIn, List<string> others, int rows)
    {
        var ledger = services.GetRequiredService<LedgerService>();
        var counts = new Dictionary<string, long>();
        foreach (var user in signedIn.Concat(others))
        {
            await ledger.ApplyAsync(LedgerChange.Deposit(user, CoinSymbols.Iota, DepositAmount, "seed", $"seed-{user}"));
            counts[user] = 1;
        }

        await using var db = services.GetRequiredService<IDbContextFactory<ExchangeDbContext>>().CreateDbContext();
        var accounts = await db.Accounts.AsNoTracking().ToDictionaryAsync(a => a.UserId, a => a.Id);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = Insert(connection, transaction);
        var start = DateTime.UtcNow.AddDays(-365);
        var step = TimeSpan.FromDays(365) / rows;
        var (toOthers, toSignedIn) = (0, 0);
        for (var i = counts.Count; i < rows; i++)
        {
            var user = i % 10 == 9 ? others[toOthers++ % others.Count] : signedIn[toSignedIn++ % signedIn.Count];
            var count = ++counts[user];
            insert.Parameters["$account"].Value = accounts[user];
            insert.Parameters["$user"].Value = user;
            insert.Parameters["$after"].Value = count * DepositAmount;
            insert.Parameters["$reference"].Value = $"seed-{i}";
            insert.Parameters["$at"].Value = (start + step * i).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF");
            await insert.ExecuteNonQueryAsync();
        }
        await using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE Accounts SET Available = $available WHERE Id = $account";
        var available = update.Parameters.Add("$available", SqliteType.Integer);
        var account = update.Parameters.Add("$account", SqliteType.Integer);
        foreach (var (user, count) in counts)
        {
            (available.Value, account.Value) = (count * DepositAmount, accounts[user]);
            await update.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return counts;
    }

    private static SqliteCommand Insert(SqliteConnection connection, SqliteTransaction transaction)
    {
        var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"""
            INSERT INTO LedgerEntries (AccountId, UserId, Coin, Kind, AvailableChange, ReservedChange, AvailableAfter, ReservedAfter, Cause, Reference, IdempotencyKey, CreatedAt)
            VALUES ($account, $user, '{CoinSymbols.Iota}', 'Deposit', {DepositAmount}, 0, $after, 0, 'Job', $reference, NULL, $at)
            """;
        foreach (var name in new[] { "$account", "$after" }) insert.Parameters.Add(name, SqliteType.Integer);
        foreach (var name in new[] { "$user", "$reference", "$at" }) insert.Parameters.Add(name, SqliteType.Text);
        return insert;
    }
}
