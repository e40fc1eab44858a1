using Exchange.Core.Coins;
using Exchange.Core.Ledger;
using Exchange.Core.Proofs;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Exchange.Tests.Web.Proofs;

/// <summary>The proof pages in chromium: a user checks their own inclusion in the browser; an operator takes a snapshot.</summary>
public class ProofPagesBrowserTests(Browser browser) : BrowserTest(browser)
{
    // Each document records what the browser's Content-Security-Policy refused.
    private const string CspListener = """
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
        """;

    protected override async Task SeedAsync()
    {
        await App.CreateAsync("alice@example.com");
        await App.CreateAsync("bob@example.com");
        await App.CreateAsync("ops@example.com", isOperator: true);
        await CreditAsync("alice@example.com", CoinSymbols.Iota, 1_500_000);
        await CreditAsync("bob@example.com", CoinSymbols.Iota, 250_000_000);
    }

    [Fact]
    public async Task A_user_checks_in_the_browser_that_their_balance_is_in_the_snapshot_and_a_wrong_balance_is_caught()
    {
        var snapshot = await App.Services.GetRequiredService<ProofSnapshotBuilder>().TakeAsync(null, TestContext.Current.CancellationToken);
        var page = await NewPageAsync();
        await page.AddInitScriptAsync(CspListener);
        await page.LogInAsync("alice@example.com");

        await page.GotoAsync("/proof/verify");
        await page.WaitForInteractiveAsync();
        var check = page.GetByRole(AriaRole.Button, new() { Name = "Check in this browser" });
        await Assertions.Expect(check).ToBeEnabledAsync();
        await Assertions.Expect(page.Locator("[data-field='leaf-balances']")).ToHaveTextAsync("0 BTC, 1.5 MIOTA");
        await page.GetByLabel("MIOTA", new() { Exact = true }).FillAsync("1.5");
        await check.ClickAsync();

        var outcome = page.Locator("[data-verify-outcome]");
        await Assertions.Expect(outcome).ToHaveTextAsync("Accepted: your balances are in the signed total.");
        var steps = page.Locator("ol[data-verify-steps] li");
        await Assertions.Expect(steps).ToHaveCountAsync(9);
        await Assertions.Expect(steps.Nth(6)).ToHaveAttributeAsync("data-step", "Level 1");
        await Assertions.Expect(page.Locator("li[data-step='Root']")).ToContainTextAsync(snapshot.Root);
        Assert.Equal(9, await page.Locator("ol[data-verify-steps] li[data-passed='true']").CountAsync());

        await page.GetByLabel("MIOTA", new() { Exact = true }).FillAsync("1.6");
        await check.ClickAsync();

        await Assertions.Expect(outcome).ToHaveTextAsync("Rejected: Expected balances: MIOTA: the leaf holds 1500000 base units, you expected 1600000.");
        await Assertions.Expect(page.Locator("li[data-step='Expected balances'][data-passed='false']")).ToBeVisibleAsync();
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__csp"));
    }

    [Fact]
    public async Task An_operator_takes_a_snapshot_with_their_code_and_anyone_then_sees_it_on_the_public_page()
    {
        var ops = await App.SteppedUpAsync("ops@example.com");
        var page = await NewPageAsync();
        await page.LogInAsync("ops@example.com", ops.Key);
        await page.GotoAsync("/operator/proofs");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("[data-field='no-reports']")).ToBeVisibleAsync();

        await page.Locator("#take-snapshot [data-field='step-up-code']").FillAsync(Totp.Next(ops.Key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Take a snapshot now" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-field='snapshot-message']")).ToContainTextAsync("Snapshot taken: snapshot 1: 2 user(s) in 2 leaves");
        var report = page.Locator("#snapshot-reports tr[data-snapshot='1']");
        await Assertions.Expect(report.Locator("[data-field='users']")).ToHaveTextAsync("2");
        await Assertions.Expect(report.Locator("[data-field='taken-by']")).ToHaveTextAsync(ops.Id);
        var published = (await App.Services.GetRequiredService<ProofQueries>().LatestAsync(TestContext.Current.CancellationToken))!;
        var anonymous = await NewPageAsync();
        await anonymous.GotoAsync("/proof");
        await Assertions.Expect(anonymous.Locator("#snapshots tr[data-snapshot='1'] [data-field='ratio']"))
            .ToHaveTextAsync(Exchange.Web.Components.Pages.Proofs.ProofFormat.Ratio(published.HubTotal!.Value, published.Totals.Single(t => t.Coin == CoinSymbols.Iota).Amount));
        await Assertions.Expect(anonymous.Locator("[data-field='root']")).ToHaveTextAsync(published.Root);
    }

    private async Task CreditAsync(string email, string coin, long amount)
    {
        var user = await App.UserIdAsync(email);
        var posted = await App.Services.GetRequiredService<LedgerService>().ApplyAsync(LedgerChange.Deposit(user, coin, amount, "test", $"{coin}:{user}"));
        Assert.True(posted.Succeeded, posted.Message);
    }
}
