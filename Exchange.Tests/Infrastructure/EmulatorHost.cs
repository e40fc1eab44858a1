using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Exchange.Hub.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace Exchange.Tests.Infrastructure;

/// <summary>A Hub emulator on a loopback port with its own SQLite file and a clock the test drives; services tick only when asked.</summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly TempFolder folder;
    private readonly bool ownsFolder;

    private EmulatorHost(HubEmulatorServer server, TempFolder folder, bool ownsFolder, FakeTimeProvider time, HubEmulatorOptions options)
    {
        Server = server;
        this.folder = folder;
        this.ownsFolder = ownsFolder;
        Time = time;
        Options = options;
        Http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HubEmulatorServer Server { get; }
    public HubEmulatorOptions Options { get; }
    public FakeTimeProvider Time { get; }
    public HttpClient Http { get; }
    public Uri BaseAddress => Server.BaseAddress;

    public static async Task<EmulatorHost> StartAsync(Action<HubEmulatorOptions>? configure = null, TempFolder? folder = null, FakeTimeProvider? time = null)
    {
        var owns = folder is null;
        folder ??= new TempFolder();
        time ??= new FakeTimeProvider(new DateTimeOffset(2019, 7, 22, 12, 0, 0, TimeSpan.Zero));
        var options = new HubEmulatorOptions
        {
            Url = "http://127.0.0.1:0",
            DatabasePath = Path.Combine(folder.Path, "hub.db"),
            MonitorInterval = TimeSpan.Zero,
            SweepInterval = TimeSpan.Zero,
            AttachmentInterval = TimeSpan.Zero,
        };
        configure?.Invoke(options);
        var server = await HubEmulatorServer.StartAsync(options, time);
        return new EmulatorHost(server, folder, owns, time, options);
    }

    /// <summary>A second emulator on the same SQLite file: a restart.</summary>
    public async Task<EmulatorHost> RestartAsync()
    {
        await Server.DisposeAsync();
        return await StartAsync(o => o.DatabasePath = Options.DatabasePath, folder, Time);
    }

    /// <summary>POSTs a raw Hub request and returns status and body exactly as sent.</summary>
    public async Task<(int Status, string Body)> PostAsync(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync("/", content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonElement> CommandAsync(object request)
    {
        var (_, body) = await PostAsync(JsonSerializer.Serialize(request));
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<string> ControlAsync(string control, object body)
    {
        using var response = await Http.PostAsJsonAsync($"/_emulator/{control}", body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{control}: {(int)response.StatusCode} {text}");
        return text;
    }

    public Task TickAsync(string service = "all") => ControlAsync("tick", new { service });

    public Task DepositAsync(string address, long amount) => ControlAsync("deposit", new { address, amount });

    /// <summary>Attaches and confirms every sweep so far (a minute on the emulator's clock), then moves on a second.</summary>
    public async Task ConfirmSweepsAsync()
    {
        await TickAsync("attachment");
        Time.Advance(TimeSpan.FromMinutes(1));
        await TickAsync("attachment");
        Time.Advance(TimeSpan.FromSeconds(1));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        if (ownsFolder) folder.Dispose();
    }
}
