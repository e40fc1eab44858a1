using System.Diagnostics;
using Exchange.Benchmarks.Harness;
using Exchange.Core.Data;
using Exchange.Core.Ledger;
using Exchange.Web.Components.Pages.History;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;

namespace Exchange.Benchmarks.History;

/// <summary>
/// <c>benchmark-history --rows N</c>: one user with N ledger entries in a SQLite file, then the
/// History page's first page: the keyset query and the table's server-side render, timed.
/// </summary>
public static class HistoryBenchmarkCommand
{
    public const string Verb = "benchmark-history";
    public static readonly string[] OptionNames = ["rows"];

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string?> options)
    {
        if (!int.TryParse(options.GetValueOrDefault("rows") ?? "1000000", out var rows) || rows < 1)
        {
            await Console.Error.WriteLineAsync("benchmark-history takes --rows N (at least 1), e.g. benchmark-history --rows 1000000");
            return 2;
        }
        var folder = Directory.CreateTempSubdirectory("exchange-history-benchmark-");
        try
        {
            var builder = BenchmarkHost.Create(folder.FullName);
            builder.Services.AddMudServices();
            builder.Services.AddSingleton<Microsoft.JSInterop.IJSRuntime, NoBrowser>();
            using var host = builder.Build();
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();

            Console.WriteLine($"Seeding {rows} ledger entries for one user (not timed)...");
            await SeedAsync(host.Services, rows);

            var history = host.Services.GetRequiredService<LedgerHistory>();
            await history.PageAsync("bench-user", new HistoryFilter()); // warm up: the query plan and the renderer
            var samples = new List<double>();
            for (var i = 0; i < 20; i++)
                samples.Add(await TimeFirstPageAsync(host.Services, history));
            samples.Sort();
            Console.WriteLine($"""

                ledger rows           {rows}
                first page (25 rows)  query + server render, 20 runs
                p50                   {samples[10]:0.0} ms
                p95                   {samples[18]:0.0} ms
                max                   {samples[^1]:0.0} ms
                """);
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<double> TimeFirstPageAsync(IServiceProvider services, LedgerHistory history)
    {
        var clock = Stopwatch.StartNew();
        var page = await history.PageAsync("bench-user", new HistoryFilter());
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<HistoryTable>(ParameterView.FromDictionary(new Dictionary<string, object?> { ["Entries"] = page.Entries }))).ToHtmlString());
        clock.Stop();
        return html.Length > 0 ? clock.Elapsed.TotalMilliseconds : double.NaN;
    }

    // The server render of a page, as when prerendering: there is no browser to call yet.
    internal sealed class NoBrowser : Microsoft.JSInterop.IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            throw new InvalidOperationException("No browser during a server render.");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            throw new InvalidOperationException("No browser during a server render.");
    }

    // Raw inserts in one transaction: a million rows through the change tracker would take minutes.
    private static async Task SeedAsync(IServiceProvider services, int rows)
    {
        await using var db = services.GetRequiredService<IDbContextFactory<ExchangeDbContext>>().CreateDbContext();
        var ledger = services.GetRequiredService<LedgerService>();
        await ledger.ApplyAsync(LedgerChange.Deposit("bench-user", Core.Coins.CoinSymbols.Iota, 1, "seed", "seed-0"));
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO LedgerEntries (AccountId, UserId, Coin, Kind, AvailableChange, ReservedChange, AvailableAfter, ReservedAfter, Cause, Reference, IdempotencyKey, CreatedAt)
            SELECT Id, UserId, Coin, 'Deposit', 1, 0, $after, 0, 'Job', 'seed', NULL, $at FROM Accounts WHERE UserId = 'bench-user'
            """;
        var after = insert.Parameters.Add("$after", SqliteType.Integer);
        var at = insert.Parameters.Add("$at", SqliteType.Text);
        var start = DateTime.UtcNow.AddDays(-rows / 1000.0);
        for (var i = 1; i < rows; i++)
        {
            after.Value = i + 1;
            at.Value = start.AddSeconds(i * 86.4).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF");
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }
}
