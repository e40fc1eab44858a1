using Exchange.Benchmarks.Harness;
using Exchange.Core.Accounts;
using Exchange.Core.Coins;
using Exchange.Core.Data;
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

    /// <summary>The exchange's Core and Identity over a new, migrated SQLite file in <paramref name="folder"/>, on a <see cref="SeedClock"/>.</summary>
    public static async Task<IHost> MigratedHostAsync(string folder)
    {
        var builder = BenchmarkHost.Create(folder);
        builder.Services.AddSeedClock();
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

    // Every user's account opened by a first deposit, then nine in ten to the signed-in users,
    // interleaved as deposits arrive, over the past year.
    private static async Task<Dictionary<string, int>> InsertEntriesAsync(IServiceProvider services, List<string> signedIn, List<string> others, int rows)
    {
        var owners = new List<string>(rows);
        owners.AddRange(signedIn.Concat(others));
        var (toOthers, toSignedIn) = (0, 0);
        for (var i = owners.Count; i < rows; i++)
            owners.Add(i % 10 == 9 ? others[toOthers++ % others.Count] : signedIn[toSignedIn++ % signedIn.Count]);
        await PastDeposits.CreditAsync(services, owners, DepositAmount, DateTimeOffset.UtcNow.AddDays(-365), TimeSpan.FromDays(365) / rows);
        return owners.CountBy(user => user).ToDictionary();
    }
}
