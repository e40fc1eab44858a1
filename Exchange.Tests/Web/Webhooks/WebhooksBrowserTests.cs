using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Exchange.Tests.Web.Webhooks;

/// <summary>
/// The webhooks page end to end: a user registers an endpoint at a real receiver on loopback, keeps the
/// secret shown once, sends a test event, and sees the attempt in the page's delivery log, while the
/// receiver checks the signature with the StandardWebhooks package (timestamp included).
/// </summary>
public class WebhooksBrowserTests(Browser browser) : BrowserTest(browser)
{
    private const string Owner = "hooks@example.com";

    protected override ExchangeAppFactory CreateApp() => new() { Settings = { ["Webhooks:AllowPrivateTargets"] = "true" } };

    protected override Task SeedAsync() => App.CreateAsync(Owner);

    [Fact]
    public async Task A_user_registers_an_endpoint_sends_a_test_event_and_sees_it_delivered_with_a_verified_signature()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var page = await NewPageAsync();
        await page.LogInAsync(Owner);
        await page.GotoAsync("/settings/webhooks");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("[data-field='no-endpoints']")).ToHaveTextAsync("No endpoints yet.");

        await page.GetByLabel("Endpoint URL").FillAsync(receiver.Url("/exchange"));
        await page.GetByLabel("Description (optional)").FillAsync("Accounting");
        await page.GetByLabel("deposit.credited", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("withdrawal.completed", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Register endpoint" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-field='webhook-message']")).ToHaveTextAsync($"Registered {receiver.Url("/exchange")}.");
        var secret = await page.Locator("[data-field='new-secret']").InnerTextAsync();
        Assert.Matches("^whsec_[A-Za-z0-9+/]{43}=$", secret);
        receiver.Secrets.Add(secret);
        var endpoint = page.Locator("[data-endpoint]");
        await Assertions.Expect(endpoint).ToContainTextAsync("Events: deposit.credited, withdrawal.completed");

        await endpoint.GetByRole(AriaRole.Button, new() { Name = "Send test event" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-field='webhook-message']")).ToHaveTextAsync("A test event is on its way; its delivery shows below.");
        await Assertions.Expect(page.Locator("[data-field='new-secret']")).ToHaveCountAsync(0);
        var delivery = Assert.Single(await receiver.WaitForAsync(1));

        await endpoint.GetByText("Delivery log (1)").ClickAsync();
        var message = endpoint.Locator("[data-type='webhook.test']");
        await Assertions.Expect(message).ToHaveAttributeAsync("data-state", "Delivered");
        await Assertions.Expect(message).ToContainTextAsync(delivery.Id);
        await Assertions.Expect(message.Locator("[data-field='attempt']")).ToContainTextAsync(", 200, ");
        await Assertions.Expect(message.Locator("[data-field='attempt']")).ToContainTextAsync("delivered");
        Assert.True(delivery.Verified, $"the StandardWebhooks package did not verify {delivery.Body} signed {delivery.Signature}");
        Assert.Equal("webhook.test", delivery.Type);
        await Assertions.Expect(page.Locator("[data-endpoint]")).Not.ToContainTextAsync(secret);
    }
}
