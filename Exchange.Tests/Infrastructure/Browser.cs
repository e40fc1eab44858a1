using Microsoft.Playwright;

namespace Exchange.Tests.Infrastructure;

/// <summary>One headless Debian chromium for the whole test run, driven by Playwright.</summary>
public sealed class Browser : IAsyncLifetime
{
    private IPlaywright? playwright;

    public IBrowser Instance { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        // Assertions retry until this passes: a loaded 2-core CI machine needs more than Playwright's 5 s, and with three
        // test classes at a time the first minutes of a run (every app and the browser starting cold) took over 15 s
        // once; a pass costs no extra time.
        Assertions.SetDefaultExpectTimeout(30_000);
        Instance = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    public async Task<IPage> NewPageAsync(Uri baseAddress)
    {
        var context = await Instance.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        context.SetDefaultTimeout(40_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Instance is not null) await Instance.DisposeAsync();
        playwright?.Dispose();
    }

    private static string ExecutablePath()
    {
        var configured = Environment.GetEnvironmentVariable("EXCHANGE_CHROMIUM");
        if (!string.IsNullOrEmpty(configured)) return configured;
        const string debian = "/usr/bin/chromium";
        return File.Exists(debian)
            ? debian
            : throw new InvalidOperationException("No chromium found: install Debian's chromium (apt-get install chromium) or set EXCHANGE_CHROMIUM.");
    }
}
