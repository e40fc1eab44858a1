using Exchange.Core.Accounts;
using Exchange.Core.Coins;
using Exchange.Core.HubSync;
using Exchange.Core.Jobs;
using Exchange.Core.Sweeps;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Exchange.Tests.Web;

/// <summary>
/// Every page of the app, found in its own routes, opened as the person it is for: on a phone
/// (390 px, light mode) and on a desktop (1280 px, dark mode), each page once per view. A page must
/// fit the window's width without sideways scrolling, and axe-core's WCAG 2.1 A and AA rules must
/// find no serious or critical violation. The account pages have no dark mode: they are checked on
/// the phone only.
/// </summary>
[Browser]
public sealed class EveryPageBrowserTests(Browser browser, EveryPageBrowserTests.SeededExchange exchange) : IClassFixture<EveryPageBrowserTests.SeededExchange>
{
    /// <summary>A window the pages are shown in; the account pages, which have no dark mode, are walked in the first only.</summary>
    private sealed record View(string Name, int Width, bool Dark, bool AccountPages);

    private static readonly View[] Views = [new("phone, light", 390, Dark: false, AccountPages: true), new("desktop, dark", 1280, Dark: true, AccountPages: false)];

    [Theory]
    [InlineData(Audience.Anyone)]
    [InlineData(Audience.User)]
    [InlineData(Audience.Operator)]
    public async Task Every_page_fits_a_phone_and_has_no_serious_accessibility_violation_in_light_or_dark_mode(Audience audience)
    {
        var pages = exchange.PagesFor(audience);
        Assert.NotEmpty(pages);
        foreach (var route in exchange.Unwalked)
            TestContext.Current.AddWarning($"Not walked: {route}");
        var page = await browser.NewPageAsync(exchange.BaseAddress);
        try
        {
            await exchange.SignInAsync(page, audience);
            var problems = new List<string>();
            foreach (var view in Views)
                problems.AddRange(await WalkAsync(page, pages, view));
            Assert.True(problems.Count == 0, $"{problems.Count} problems on {pages.Count} pages:\n" + string.Join("\n", problems));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    // The interactive pages in one circuit (a link's navigation keeps the layout, and its dark mode),
    // then each account page loaded on its own.
    private async Task<List<string>> WalkAsync(IPage page, IReadOnlyList<AppPage> pages, View view)
    {
        await page.SetViewportSizeAsync(view.Width, 900);
        var problems = new List<string>();
        var inCircuit = false;
        foreach (var appPage in pages.Where(p => p.Interactive))
        {
            if (inCircuit)
                await page.EvaluateAsync("path => Blazor.navigateTo(path)", appPage.Path);
            else
                await OpenCircuitAsync(page, appPage.Path, view);
            inCircuit = true;
            await page.WaitForFunctionAsync("path => location.pathname + location.search === path", appPage.Path);
            problems.AddRange(await CheckAsync(page, appPage, view.Name, view.Width));
        }
        foreach (var appPage in pages.Where(p => !p.Interactive && view.AccountPages))
        {
            var response = await page.GotoAsync(await exchange.PrepareAsync(page, appPage.Path));
            if (response is { Ok: false })
                problems.Add($"{appPage.Path} (light, account page, {view.Width} px): answers {response.Status}");
            else
                problems.AddRange(await CheckAsync(page, appPage, "light, account page", view.Width));
        }
        return problems;
    }

    private static async Task OpenCircuitAsync(IPage page, string path, View view)
    {
        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();
        if (!view.Dark) return;
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" }).ClickAsync();
        await Assertions.Expect(page.Locator("body")).ToHaveCSSAsync("background-color", "rgb(50, 51, 61)");
    }

    private static async Task<IEnumerable<string>> CheckAsync(IPage page, AppPage appPage, string mode, int width)
    {
        var landed = new Uri(page.Url).AbsolutePath;
        var where = $"{appPage.Path}{(landed == appPage.Path ? "" : $" (shown as {landed})")} ({mode}, {width} px)";
        if (await PageChecks.SettledAsync(page) is { } unsettled)
            return [$"{where}: {unsettled}"];
        var found = (await PageChecks.OverflowAsync(page)).Concat(await PageChecks.AccessibilityAsync(page));
        return found.Select(problem => $"{where}: {problem}");
    }

    /// <summary>
    /// The app with something on every page: a user with two-factor on, a credited deposit, a
    /// withdrawal on its way and an API key; an operator with two-factor on and a manual credit
    /// waiting for a second operator; a run of each job, and the sweep and the batch they saw.
    /// </summary>
    public sealed class SeededExchange : IAsyncLifetime
    {
        private const string UserEmail = "walker@example.com";
        private const string OperatorEmail = "ops@example.com";

        private readonly ExchangeAppFactory app = new();
        private string userKey = "";
        private string operatorKey = "";
        private IReadOnlyList<AppPage> pages = [];

        public Uri BaseAddress { get; private set; } = null!;

        /// <summary>Routes with a parameter the walk has no sample value for.</summary>
        public IReadOnlyList<string> Unwalked { get; private set; } = [];

        public async ValueTask InitializeAsync()
        {
            BaseAddress = app.StartOnKestrel();
            await app.CreateAsync(UserEmail);
            await app.CreateAsync(OperatorEmail, isOperator: true);
            userKey = await app.EnableTwoFactorAsync(UserEmail);
            operatorKey = await app.EnableTwoFactorAsync(OperatorEmail);
            var userId = await app.UserIdAsync(UserEmail);
            await app.DepositThroughHubAsync(UserEmail, 50_000_000);
            await app.ApiKeyAsync(UserEmail);
            await using var scope = app.Services.CreateAsyncScope();
            var withdrawal = await scope.ServiceProvider.GetRequiredService<UserWithdrawalCommands>()
                .RequestAsync(new WithdrawalRequest(userId, CoinSymbols.Iota, "2", TestAddresses.Payout, Totp.Next(userKey)));
            Assert.True(withdrawal.Succeeded, string.Join(" ", withdrawal.Problems.Select(p => p.Message)));
            var credit = await scope.ServiceProvider.GetRequiredService<UserAdministration>().AdjustAsync(new ManualAdjustment(
                await app.UserIdAsync(OperatorEmail), userId, CoinSymbols.Iota, AdjustmentDirection.Credit, "5000", "Goodwill credit for the deposit delay", Totp.Next(operatorKey)));
            Assert.True(credit.RequestId is not null, credit.Message);
            await RunEachJobAsync(scope.ServiceProvider);

            pages = AppPages.Of(app.Services, new Dictionary<string, string> { ["UserId"] = userId }, out var unwalked);
            Unwalked = unwalked;
        }

        // What the scheduled jobs would have done by now: the jobs page lists a run of each, the sweeps page the deposit's sweep.
        private static async Task RunEachJobAsync(IServiceProvider services)
        {
            var runner = services.GetRequiredService<JobRunner>();
            var token = TestContext.Current.CancellationToken;
            await runner.RunAsync(HotWalletSweepJob.Name, services.GetRequiredService<HotWalletSweeper>().RunAsync, force: true, token);
            await runner.RunAsync(WithdrawalJob.Name, services.GetRequiredService<WithdrawalProcessor>().RunAsync, force: true, token);
            await runner.RunAsync(SweepMonitorJob.Name, services.GetRequiredService<SweepMonitor>().RunAsync, force: true, token);
            await runner.RunAsync(BalanceCheckJob.Name, services.GetRequiredService<BalanceSync>().RunAsync, force: true, token);
        }

        public IReadOnlyList<AppPage> PagesFor(Audience audience) => audience switch
        {
            // A signed-in user also sees the pages open to anyone (the dashboard, not the landing page); the account pages for anyone are sign-in forms.
            Audience.User => pages.Where(p => p.Audience == Audience.User || (p.Audience == Audience.Anyone && p.Interactive)).ToList(),
            _ => pages.Where(p => p.Audience == audience).ToList(),
        };

        public async Task SignInAsync(IPage page, Audience audience)
        {
            if (audience == Audience.User) await page.LogInAsync(UserEmail, userKey);
            if (audience == Audience.Operator) await page.LogInAsync(OperatorEmail, operatorKey);
        }

        /// <summary>
        /// What an account page needs to show itself, and the address to open it at: the reset form
        /// takes the code from the email's link; the two-factor pages show only halfway through a
        /// sign-in, after the password step of an account with two-factor on.
        /// </summary>
        public async Task<string> PrepareAsync(IPage page, string path)
        {
            if (path == "/Identity/Account/ResetPassword") return path + "?code=bm90LWEtcmVhbC1jb2Rl";
            if (!path.StartsWith("/Identity/Account/LoginWith", StringComparison.Ordinal)) return path;
            await page.GotoAsync("/Identity/Account/Login");
            await page.GetByLabel("Email").FillAsync(UserEmail);
            await page.GetByLabel("Password").FillAsync(AccountSteps.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
            await page.WaitForURLAsync("**/LoginWith2fa**", new() { WaitUntil = WaitUntilState.Commit });
            return path;
        }

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
