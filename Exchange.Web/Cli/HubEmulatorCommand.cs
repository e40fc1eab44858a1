using Exchange.Hub.Emulator;
using Exchange.Web.Monitoring;

namespace Exchange.Web.Cli;

/// <summary>
/// <c>hub-emulator [--urls URL]</c>: only the Hub emulator, as a Hub of its own (for docker-compose
/// or for trying a client against it). Settings come from the <c>HubEmulator</c> section as usual.
/// </summary>
public static class HubEmulatorCommand
{
    public const string Verb = "hub-emulator";

    public static async Task<int> RunAsync(string[] hostArgs)
    {
        var builder = WebApplication.CreateBuilder(HostArguments.With(hostArgs));
        var options = builder.Configuration.GetSection(HubEmulatorOptions.Section).Get<HubEmulatorOptions>() ?? new HubEmulatorOptions();
        // Only an explicit --urls: the configured Urls are the exchange's own address.
        var urls = Array.IndexOf(hostArgs, "--urls");
        if (urls >= 0 && urls + 1 < hostArgs.Length) options.Url = hostArgs[urls + 1];
        options.DatabasePath = Path.GetFullPath(options.DatabasePath, builder.Environment.ContentRootPath);

        await using var server = await HubEmulatorServer.StartAsync(options, logging: l => l.AddExchangeConsole(builder.Environment));
        Console.WriteLine($"Hub emulator listening on {server.BaseAddress} (state in {options.DatabasePath}). Ctrl+C stops it.");
        // SIGTERM (docker stop) and Ctrl+C reach the emulator's host, which cancels this; disposing
        // the server then lets requests in flight finish. Every change was saved when it was made.
        var stop = new TaskCompletionSource();
        await using (server.StopRequested.Register(() => stop.TrySetResult()))
            await stop.Task;
        Console.WriteLine("Hub emulator stopping.");
        return 0;
    }
}
