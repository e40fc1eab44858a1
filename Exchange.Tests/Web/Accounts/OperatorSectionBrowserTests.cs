using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Exchange.Tests.Web.Accounts;

public class OperatorSectionBrowserTests(Browser browser) : BrowserTest(browser)
{
    private string opsKey = "";

    protected override async Task SeedAsync()
    {
        await App.CreateAsync("ops@example.com", isOperator: true);
        await App.CreateAsync("user@example.com");
        // Operators act only with two-factor on.
        opsKey = await App.EnableTwoFactorAsync("ops@example.com");
    }

    [Fact]
    public async Task An_operator_sees_the_operator_section_and_its_overview()
    {
        var page = await NewPageAsync();
        await page.LogInAsync("ops@example.com", opsKey);

        await page.GetByRole(AriaRole.Link, new() { Name = "Overview" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Operator overview" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-field='users']")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("[data-field='operators']")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-field='hub-status']")).ToContainTextAsync("Reachable");
        await Assertions.Expect(page.Locator("[data-field='difference']")).ToHaveTextAsync("0 MIOTA");
    }

    [Fact]
    public async Task An_operator_runs_a_job_now_with_the_current_code_and_sees_the_run_appear()
    {
        var page = await NewPageAsync();
        await page.LogInAsync("ops@example.com", opsKey);

        await page.GetByRole(AriaRole.Link, new() { Name = "Jobs" }).ClickAsync();
        var balanceCheck = page.Locator("[data-job='balance-check']");
        await page.GetByLabel("Two-factor code").FillAsync(Totp.Next(opsKey));
        await balanceCheck.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();

        await Assertions.Expect(balanceCheck.Locator("[data-field='outcome']").First).ToHaveTextAsync("Succeeded");
    }

    [Fact]
    public async Task An_ordinary_user_sees_no_operator_section_and_is_refused_its_pages()
    {
        var page = await NewPageAsync();
        await page.LogInAsync("user@example.com");

        await Assertions.Expect(page.GetByText("Operator", new() { Exact = true })).ToHaveCountAsync(0);
        await page.GotoAsync("/operator/jobs");
        Assert.Contains("/Identity/Account/AccessDenied", page.Url);
        var response = await page.GotoAsync("/operator");

        Assert.Contains("/Identity/Account/AccessDenied", page.Url);
        await Assertions.Expect(page.GetByText("You do not have access to this resource.")).ToBeVisibleAsync();
        Assert.NotNull(response);
    }
}
