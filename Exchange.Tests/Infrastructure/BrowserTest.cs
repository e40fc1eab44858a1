using Microsoft.Playwright;

namespace Exchange.Tests.Infrastructure;

/// <summary>The real app on a loopback port, with a fresh browser page per call, for end-to-end tests.</summary>
[Browser]
public abstract class BrowserTest(Browser browser) : IAsyncLifetime
{
    private readonly List<IBrowserContext> contexts = [];

    protected ExchangeAppFactory App { get; private set; } = null!;
    protected Uri BaseAddress { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        App = CreateApp();
        BaseAddress = App.StartOnKestrel();
        await SeedAsync();
    }

    // A page left open outside its test keeps trying to reconnect to an app that is gone, and its
    // animation and retries take the CPU the tests still running need: close them first.
    public virtual async ValueTask DisposeAsync()
    {
        foreach (var context in contexts) await context.CloseAsync();
        await App.DisposeAsync();
    }

    /// <summary>The app under test; override to change its settings.</summary>
    protected virtual ExchangeAppFactory CreateApp() => new();

    /// <summary>Accounts or data the tests of a class start from.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    protected async Task<IPage> NewPageAsync()
    {
        var page = await browser.NewPageAsync(BaseAddress);
        contexts.Add(page.Context);
        return page;
    }
}
