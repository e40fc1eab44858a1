using Exchange.Core.AccountFreeze;
using Exchange.Core.Accounts;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Exchange.Tests.Web.AccountFreeze;

/// <summary>
/// "This wasn't me" end to end: a security mail travels over SMTP, its link is opened in a browser
/// that is not signed in, and the button there freezes the account; the session left open elsewhere
/// is signed out at its next check (every 2 seconds here) and the account's API key is refused.
/// </summary>
public class NotMeBrowserTests(Browser browser) : BrowserTest(browser)
{
    private const string Victim = "victim@example.com";
    private const string Bystander = "bystander@example.com";
    private readonly ShiftedClock clock = new();

    protected override ExchangeAppFactory CreateApp() => new ShiftedClockAppFactory(clock)
    {
        Settings =
        {
            ["Security:RevalidateInterval"] = "00:00:02", ["Notices:DispatchInterval"] = "00:00:00.500", ["Notices:EmailInterval"] = "00:00:00.500",
        },
    };

    protected override async Task SeedAsync()
    {
        await App.CreateAsync(Victim);
        await App.CreateAsync(Bystander);
        await App.CreateAsync("ops@example.com", isOperator: true);
        await App.DepositThroughHubAsync(Victim, 20_000_000);
    }

    [Fact]
    public async Task This_wasnt_me_from_a_mail_freezes_withdrawals_signs_out_the_open_session_and_refuses_the_api_key()
    {
        var key = await App.ApiKeyAsync(Victim);
        var stolen = await NewPageAsync();
        await stolen.LogInAsync(Victim);
        await stolen.GotoAsync("/settings/api-keys");
        await stolen.WaitForInteractiveAsync();
        await stolen.GetByLabel("Key name").FillAsync("Exporter");
        await stolen.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Assertions.Expect(stolen.Locator("[data-field='new-key']")).ToBeVisibleAsync();

        var mail = await App.ReceivedAsync(Victim, "A new API key");
        Assert.Contains("This wasn't me", mail.Text, StringComparison.Ordinal);
        var owner = await NewPageAsync();
        await owner.SetViewportSizeAsync(390, 844);
        await owner.GotoAsync(mail.PathTo(AccountFreezes.PagePath));
        await Assertions.Expect(owner.GetByText($"with the account {Victim}")).ToBeVisibleAsync();
        Assert.False(await WithdrawalsLockedAsync(Victim), "opening the link alone froze the account");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Freeze my account" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#frozen")).ToContainTextAsync($"The account {Victim} is frozen.");

        await Assertions.Expect(stolen.GetByRole(AriaRole.Heading, new() { Name = "Log in" })).ToBeVisibleAsync();
        using (var api = new HttpClient { BaseAddress = BaseAddress })
        {
            api.DefaultRequestHeaders.Add("X-Api-Key", key);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/balances", TestContext.Current.CancellationToken)).StatusCode);
        }
        await owner.LogInAsync(Victim);
        await owner.GotoAsync("/withdraw");
        await owner.WaitForInteractiveAsync();
        await owner.FillWithdrawFormAsync("1");
        await Assertions.Expect(owner.Locator("[data-field='withdraw-outcome']")).ToContainTextAsync("Withdrawals are locked on your account: Frozen by the account's owner");
        var told = await App.ReceivedAsync("ops@example.com", $"Account frozen by its owner: {Victim}");
        Assert.Contains("pressed “This wasn't me” in the mail “API key created”", told.Text, StringComparison.Ordinal);

        await owner.GotoAsync(mail.PathTo(AccountFreezes.PagePath));
        await Assertions.Expect(owner.Locator("#link-used")).ToContainTextAsync("This link was already used");
    }

    [Fact]
    public async Task An_expired_or_forged_link_says_which_and_changes_nothing()
    {
        await using (var scope = App.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ApiKeys>().CreateAsync(new ApiKeyRequest(await App.UserIdAsync(Bystander), "tool", [ApiKeyScopes.Read]), TestContext.Current.CancellationToken);
        var link = (await App.ReceivedAsync(Bystander, "A new API key")).PathTo(AccountFreezes.PagePath);
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);

        var forged = link[..^6] + (link[^6..] == "AAAAAA" ? "BBBBBB" : "AAAAAA");
        await page.GotoAsync(forged);
        await Assertions.Expect(page.Locator("#link-unknown")).ToContainTextAsync("This is not a link the exchange sent");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Freeze my account" })).ToHaveCountAsync(0);

        clock.Advance(TimeSpan.FromDays(7));
        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("#link-expired")).ToContainTextAsync("This link expired on");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Freeze my account" })).ToHaveCountAsync(0);

        Assert.False(await WithdrawalsLockedAsync(Bystander));
        await page.LogInAsync(Bystander);
    }

    private async Task<bool> WithdrawalsLockedAsync(string email) =>
        (await App.Services.GetRequiredService<UserDirectory>().FindAsync(await App.UserIdAsync(email), TestContext.Current.CancellationToken))!.WithdrawalsLocked;
}
