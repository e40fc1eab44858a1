using System.Diagnostics;
using Exchange.Benchmarks.Harness;
using Exchange.Core.Data;
using Exchange.Core.Ledger;
using Exchange.Web.Components.Pages.History;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Data.Sqlite;
using MudBlazor.Services;

namespace Exchange.Benchmarks.History;

/// <summary>
/// <c>benchmark-history --rows N</c>: one user with N ledger entries in a SQLite file, then the
/// History page's first page: the keyset query and the table's server-side render, timed.
/// </summary>
internal static class HistoryBenchmarkCommand
{
    public const string Verb = "benchmark-history";
    public static readonly string[] OptionNames = ["rows"];
    private const string User = "bench-user";

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
            builder.Services.AddSeedClock();
            builder.Services.AddMudServices();
            builder.Services.AddSingleton<Microsoft.JSInterop.IJSRuntime, NoBrowser>();
            using var host = builder.Build();
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();

            Console.WriteLine($"Seeding {rows} ledger entries for one user (not timed)...");
            await SeedAsync(host.Services, rows);

            var history = host.Services.GetRequiredService<LedgerHistory>();
            await history.PageAsync(User, new HistoryFilter()); // warm up: the query plan and the renderer
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
        var page = await history.PageAsync(User, new HistoryFilter());
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

    // A thousand entries a day (one every 86.4 s), up to now.
    private static Task SeedAsync(IServiceProvider services, int rows) =>
        PastDeposits.CreditAsync(services, Enumerable.Repeat(User, rows).ToList(), 1, DateTimeOffset.UtcNow.AddSeconds(-86.4 * rows), TimeSpan.FromSeconds(86.4));
}
