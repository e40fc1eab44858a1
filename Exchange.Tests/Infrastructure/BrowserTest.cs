using Microsoft.Playwright;

namespace Exchange.Tests.Infrastructure;

/// <summary>The real app on a loopback port, with a fresh browser page per call, for end-to-end tests.</summary>
[Browser]
public abstract class BrowserTest(Browser browser) : IAsyncLifetime
{
    protected ExchangeAppFactory App { get; private set; } = null!;
    protected Uri BaseAddress { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        App = CreateApp();
        BaseAddress = App.StartOnKestrel();
        await SeedAsync();
    }

    public virtual ValueTask DisposeAsync() => App.DisposeAsync();

    /// <summary>The app under test; override to change its settings.</summary>
    protected virtual ExchangeAppFactory CreateApp() => new();

    /// <summary>Accounts or data the tests of a class start from.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    protected Task<IPage> NewPageAsync() => browser.NewPageAsync(BaseAddress);
}
