using Exchange.Hub.Emulator.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Exchange.Hub.Emulator;

/// <summary>
/// The emulator on a port of its own, as a separate Hub would be: its own Kestrel server, its own
/// SQLite file, and the three services on their timers.
/// </summary>
public sealed class HubEmulatorServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task services;

    private HubEmulatorServer(WebApplication app, HubEmulator emulator, TimeProvider time)
    {
        this.app = app;
        Emulator = emulator;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());
        services = ServiceLoop.RunAsync(emulator, time, app.Logger, stopping.Token);
    }

    public HubEmulator Emulator { get; }

    /// <summary>The bound address, with the real port when 0 was asked for.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Cancelled when the process is asked to stop (SIGTERM, Ctrl+C): the emulator's own host hears the signal.</summary>
    public CancellationToken StopRequested => app.Lifetime.ApplicationStopping;

    public static async Task<HubEmulatorServer> StartAsync(HubEmulatorOptions options, TimeProvider? time = null,
        Action<ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default)
    {
        time ??= TimeProvider.System;
        // Its options come from the caller; configuration files are not watched (the database may sit under the content root, and a watcher would wake on each write).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.WebHost.UseUrls(options.Url);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Logging.ClearProviders();
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        logging?.Invoke(builder.Logging);
        var app = builder.Build();

        var emulator = new HubEmulator(options, time);
        app.Run(context => HubEmulatorMiddleware.HandleAsync(context, emulator, app.Logger));
        await app.StartAsync(cancellationToken);
        return new HubEmulatorServer(app, emulator, time);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await services;
        await app.StopAsync();
        await app.DisposeAsync();
        Emulator.Dispose();
        stopping.Dispose();
    }
}

public static class HubEmulatorMiddleware
{
    /// <summary>Everything under /_emulator/ is a control; everything else is Hub's protocol.</summary>
    public static Task HandleAsync(Microsoft.AspNetCore.Http.HttpContext context, HubEmulator emulator, ILogger logger) =>
        context.Request.Path.StartsWithSegments("/_emulator")
            ? EmulatorControls.HandleAsync(context, emulator)
            : HubTransport.HandleAsync(context, emulator, logger);
}

/// <summary>Runs each service when its interval has passed; an interval of zero leaves it to manual ticks.</summary>
internal static class ServiceLoop
{
    public static async Task RunAsync(HubEmulator emulator, TimeProvider time, ILogger logger, CancellationToken stopping)
    {
        var o = emulator.Options;
        var schedule = new (EmulatorService Service, TimeSpan Interval)[]
        {
            (EmulatorService.Monitor, o.MonitorInterval), (EmulatorService.Sweep, o.SweepInterval), (EmulatorService.Attachment, o.AttachmentInterval),
        }.Where(s => s.Interval > TimeSpan.Zero).ToArray();
        if (schedule.Length == 0) return;

        var due = schedule.ToDictionary(s => s.Service, s => time.GetUtcNow() + s.Interval);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                foreach (var (service, interval) in schedule.Where(s => time.GetUtcNow() >= due[s.Service]))
                {
                    due[service] = time.GetUtcNow() + interval;
                    try { emulator.Tick(service); }
                    catch (Exception e) { logger.LogError(e, "Hub emulator: the {Service} service failed", service); }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
