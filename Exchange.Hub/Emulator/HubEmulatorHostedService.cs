using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Exchange.Hub.Emulator;

/// <summary>Runs the emulator inside the exchange's process, on a port of its own, for the embedded demo.</summary>
internal sealed class HubEmulatorHostedService(IOptions<HubEmulatorOptions> options, TimeProvider time, ILoggerFactory loggers)
    : IHostedService, IAsyncDisposable
{
    private HubEmulatorServer? server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        server = await HubEmulatorServer.StartAsync(settings, time, logging => logging.AddProvider(new ForwardingLoggerProvider(loggers)), cancellationToken);
        loggers.CreateLogger("Exchange.Hub.Emulator").LogInformation("Hub emulator listening on {Url} (state in {Path})", server.BaseAddress, settings.DatabasePath);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    // Stopping and the container's disposal both end here, and may overlap when the host's stop
    // runs past its shutdown timeout: only the first one disposes.
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref server, null) is { } running)
            await running.DisposeAsync();
    }

    private sealed class ForwardingLoggerProvider(ILoggerFactory loggers) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => loggers.CreateLogger(categoryName);
        public void Dispose() { }
    }
}
