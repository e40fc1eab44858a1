using System.Diagnostics;
using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Deposits;
using Exchange.Core.HubSync;
using Exchange.Hub.Emulator;
using Exchange.Web.Components.Pages.Dashboard;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Data.Sqlite;
using MudBlazor.Services;

namespace Exchange.Web.Cli;

/// <summary>
/// <c>benchmark-screen --deposits N</c>: a live dashboard balance sheet is rendered on the server
/// while the balance check runs every second; for each deposit, the time from Hub recording the
/// DEPOSIT (its sweep) to the sheet showing the new balance. The SignalR push of that render to a
/// browser is not included (a few milliseconds on loopback).
/// </summary>
public static class ScreenBenchmarkCommand
{
    public const string Verb = "benchmark-screen";
    public static readonly string[] OptionNames = ["deposits"];

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string?> options)
    {
        if (!int.TryParse(options.GetValueOrDefault("deposits") ?? "50", out var deposits) || deposits < 1)
        {
            await Console.Error.WriteLineAsync("benchmark-screen takes --deposits N (at least 1), e.g. benchmark-screen --deposits 50");
            return 2;
        }
        var folder = Directory.CreateTempSubdirectory("exchange-screen-benchmark-");
        try
        {
            await using var hub = await HubEmulatorServer.StartAsync(new HubEmulatorOptions
            {
                Url = "http://127.0.0.1:0", DatabasePath = Path.Combine(folder.FullName, "hub.db"), Persist = false,
                MonitorInterval = TimeSpan.Zero, SweepInterval = TimeSpan.Zero, AttachmentInterval = TimeSpan.Zero,
            });
            using var host = BuildExchange(folder.FullName, hub.BaseAddress);
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
            var delays = await MeasureAsync(host.Services, hub.Emulator, deposits);
            delays.Sort();
            Console.WriteLine($"""

                deposits              {deposits} (balance check every 1 s)
                DEPOSIT to screen     p50 {Percentile(delays, 0.50):0} ms, p95 {Percentile(delays, 0.95):0} ms, max {delays[^1]:0} ms
                """);
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<List<double>> MeasureAsync(IServiceProvider services, HubEmulator emulator, int deposits)
    {
        const string user = "screen-user";
        var address = await services.GetRequiredService<DepositAddressService>().RequestAsync(user);
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var sheet = await renderer.Dispatcher.InvokeAsync(() =>
            renderer.RenderComponentAsync<BalanceSheet>(ParameterView.FromDictionary(new Dictionary<string, object?> { ["UserId"] = user })));

        using var stop = new CancellationTokenSource();
        var balanceCheck = BalanceCheckEverySecondAsync(services.GetRequiredService<BalanceSync>(), stop.Token);
        var iota = (await services.GetRequiredService<CoinCatalogue>().CurrentAsync()).Iota;
        var delays = new List<double>();
        long total = 0;
        for (var i = 0; i < deposits; i++)
        {
            // A fresh single-use address for every deposit, as the deposit page gives out.
            var target = i == 0 ? address.Address! : (await services.GetRequiredService<DepositAddressService>().RequestAsync(user)).Address!;
            total += 1_000_000;
            emulator.Deposit(target.Address81, 1_000_000);
            emulator.Tick(EmulatorService.Monitor);
            emulator.Tick(EmulatorService.Sweep);
            var recorded = Stopwatch.StartNew();
            var expected = $">{iota.Format(total)}<";
            while (!(await renderer.Dispatcher.InvokeAsync(sheet.ToHtmlString)).Contains(expected, StringComparison.Ordinal))
                await Task.Delay(5);
            delays.Add(recorded.Elapsed.TotalMilliseconds);
        }
        await stop.CancelAsync();
        await balanceCheck;
        return delays;
    }

    private static async Task BalanceCheckEverySecondAsync(BalanceSync sync, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop)) await sync.RunAsync(stop);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static IHost BuildExchange(string folder, Uri hub)
    {
        var builder = BenchmarkHost.Create(folder, hub, ("HubSync:CursorLag", "00:00:01"));
        builder.Services.AddMudServices();
        builder.Services.AddSingleton<Microsoft.JSInterop.IJSRuntime, HistoryBenchmarkCommand.NoBrowser>();
        builder.Services.AddSingleton<NavigationManager, ServerNavigation>();
        return builder.Build();
    }

    private sealed class ServerNavigation : NavigationManager
    {
        public ServerNavigation() => Initialize("http://127.0.0.1/", "http://127.0.0.1/");
    }
}
