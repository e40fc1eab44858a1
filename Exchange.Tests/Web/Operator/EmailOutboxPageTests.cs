using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using Bunit;
using Exchange.Core.Accounts;
using Exchange.Core.Email;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Components.Pages.Operator.Email;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Exchange.Tests.Web.Operator;

/// <summary>The operators' Email page while the SMTP server is down: the mail that ran out of attempts is shown with the failure, and Retry (with the code) queues it again.</summary>
public class EmailOutboxPageTests : CoreComponentTest
{
    private string key = "";
    private Bunit.TestDoubles.BunitAuthorizationContext authorization = null!;

    protected override void ConfigureCore(IServiceCollection services) => services.Configure<EmailOptions>(o =>
    {
        o.Smtp = new SmtpOptions { Host = "127.0.0.1", Port = ClosedPort(), Security = "None" };
        o.MaxAttempts = 1;
    });

    protected override void Configure(IServiceCollection services)
    {
        base.Configure(services);
        services.AddSingleton(Core.Get<IOptions<EmailOptions>>());
        authorization = AddAuthorization();
    }

    protected override async Task SeedAsync() => key = await Core.AddOperatorAsync(OperatorSteps.Operator, OperatorSteps.OperatorEmail);

    [Fact]
    public async Task A_mail_that_failed_while_the_server_was_down_is_shown_with_its_error_and_retry_with_the_code_queues_it_again()
    {
        await Core.Get<EmailOutbox>().QueueAsync(new EmailMessage("ann@example.com", "Your withdrawal", "Sent.", "<p>Sent.</p>", "test"), Token);
        await Core.Get<OutboxSender>().RunAsync(Token);
        authorization.SetAuthorized(OperatorSteps.Operator).SetRoles(Roles.Operator).SetClaims(new Claim(ClaimTypes.NameIdentifier, OperatorSteps.Operator));

        var page = Render<EmailOutboxPage>();

        page.WaitForAssertion(() =>
        {
            var mail = page.Find("[data-state='Failed']");
            Assert.Contains("Your withdrawal", mail.TextContent, StringComparison.Ordinal);
            Assert.Contains("ann@example.com", mail.TextContent, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(mail.QuerySelector("[data-field='last-error']")?.TextContent));
        });
        Assert.Equal("0 waiting to be sent, 1 failed.", page.Find("[data-field='outbox-counts']").TextContent.Trim());

        await page.Find("[data-field='step-up-code']").InputAsync(new ChangeEventArgs { Value = Core.Code(key) });
        await page.Find("[data-field='retry-email']").ClickAsync(new());

        page.WaitForAssertion(() => Assert.EndsWith("to ann@example.com will be sent again.", page.Find("[data-field='email-message']").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-state='Failed']"));
        Assert.Equal("1 waiting to be sent, 0 failed.", page.Find("[data-field='outbox-counts']").TextContent.Trim());
        Assert.Contains(await Core.AuditAsync(), e => e.Action == "Email retried");
    }

    /// <summary>A loopback port nothing listens on: the SMTP server is down.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
