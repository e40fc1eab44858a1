using Exchange.Tests.Infrastructure;
using Exchange.Web.Jobs;
using Microsoft.Playwright;

namespace Exchange.Tests.Web.Operator;

/// <summary>The jobs page with the jobs on hourly schedules, so only operators' actions change it while a test runs.</summary>
public class JobsPageBrowserTests(Browser browser) : BrowserTest(browser)
{
    protected override ExchangeAppFactory CreateApp() => new()
    {
        Jobs = true,
        Settings = new()
        {
            ["Jobs:BalanceCheckInterval"] = "01:00:00", ["Jobs:HotWalletSweepInterval"] = "01:00:00",
            ["Jobs:WithdrawalInterval"] = "01:00:00", ["Jobs:SweepMonitorInterval"] = "01:00:00",
        },
    };

    private string key = "";

    protected override async Task SeedAsync()
    {
        await App.CreateAsync("ops@example.com", isOperator: true);
        key = await App.EnableTwoFactorAsync("ops@example.com");
    }

    [Fact]
    public async Task Pausing_a_job_takes_the_current_code_shows_on_every_operators_jobs_page_and_only_resume_is_offered()
    {
        var acting = await NewPageAsync();
        await acting.LogInAsync("ops@example.com", key);
        await acting.GotoAsync("/operator/jobs");
        var watching = await NewPageAsync();
        await watching.LogInAsync("ops@example.com", key);
        await watching.GotoAsync("/operator/jobs");
        // Every job the app runs is on the page, not only Hub's.
        foreach (var name in ScheduledJobs.Names)
            await Assertions.Expect(acting.Locator($"[data-job='{name}']")).ToBeVisibleAsync();
        var job = acting.Locator("[data-job='sweep-monitor']");
        await Assertions.Expect(job.GetByRole(AriaRole.Button, new() { Name = "Resume" })).ToBeDisabledAsync();

        await job.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();

        await Assertions.Expect(acting.Locator("[data-field='job-message']")).ToHaveTextAsync("Enter the current code from your authenticator app.");
        await Assertions.Expect(job.Locator("[data-field='paused']")).ToHaveCountAsync(0);

        await acting.Locator("input[data-field='step-up-code']").FillAsync(Totp.Next(key));
        await job.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();

        await Assertions.Expect(job.GetByRole(AriaRole.Button, new() { Name = "Pause" })).ToBeDisabledAsync();
        var seen = watching.Locator("[data-job='sweep-monitor']");
        await Assertions.Expect(seen.Locator("[data-field='paused']")).ToHaveTextAsync("Paused");
        await Assertions.Expect(seen.Locator("[data-field='schedule']")).ToContainTextAsync("paused");

        await watching.Locator("input[data-field='step-up-code']").FillAsync(Totp.Next(key));
        await seen.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();

        await Assertions.Expect(job.Locator("[data-field='paused']")).ToHaveCountAsync(0);
        await Assertions.Expect(job.Locator("[data-field='schedule']")).ToContainTextAsync("next at");
    }
}
