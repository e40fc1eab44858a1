using Exchange.Hub.Emulator;

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
        var builder = WebApplication.CreateBuilder(hostArgs);
        var options = builder.Configuration.GetSection(HubEmulatorOptions.Section).Get<HubEmulatorOptions>() ?? new HubEmulatorOptions();
        // Only an explicit --urls: the configured Urls are the exchange's own address.
        var urls = Array.IndexOf(hostArgs, "--urls");
        if (urls >= 0 && urls + 1 < hostArgs.Length) options.Url = hostArgs[urls + 1];
        options.DatabasePath = Path.GetFullPath(options.DatabasePath, builder.Environment.ContentRootPath);

        await using var server = await HubEmulatorServer.StartAsync(options, logging: l => l.AddConsole());
        Console.WriteLine($"Hub emulator listening on {server.BaseAddress} (state in {options.DatabasePath}). Ctrl+C stops it.");
        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
        await stop.Task;
        return 0;
    }
}
