using System.Net;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Web.Email;

/// <summary>What a deployment must say about mail before the app starts, and the Development mailbox that only Development serves.</summary>
[Integration]
public sealed class EmailSettingsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Outside_Development_without_an_SMTP_host_the_app_does_not_start_and_names_the_settings()
    {
        await using var app = new ExchangeAppFactory
        {
            Environment = "Production",
            Settings = { ["HubEmulator:Enabled"] = "true", ["Email:Disabled"] = "false" },
        };

        var refused = Record.Exception(() => app.Server);

        Assert.NotNull(refused);
        Assert.Contains("Email:Smtp:Host", refused.ToString());
        Assert.Contains("Email:Disabled=true", refused.ToString());
    }

    [Fact]
    public async Task Outside_Development_without_a_public_address_the_app_does_not_start_and_names_it()
    {
        await using var app = new ExchangeAppFactory
        {
            Environment = "Production",
            Settings = { ["HubEmulator:Enabled"] = "true", ["Email:Smtp:Host"] = "smtp.example.com", ["PublicUrl"] = "" },
        };

        var refused = Record.Exception(() => app.Server);

        Assert.NotNull(refused);
        Assert.Contains("PublicUrl is not set", refused.ToString());
    }

    [Fact]
    public async Task Outside_Development_unless_told_otherwise_a_new_account_signs_in_only_after_confirming_its_email()
    {
        await using var app = new ExchangeAppFactory
        {
            Environment = "Production", AppDefaults = ["Identity:RequireConfirmedAccount"], Settings = { ["HubEmulator:Enabled"] = "true" },
        };
        // Outside Development the forms' cookies are for HTTPS only.
        using var client = app.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });

        var registered = await client.PostFormAsync("/Identity/Account/Register", new()
        {
            ["Input.Email"] = "nia@example.com", ["Input.Password"] = AccountSteps.Password, ["Input.ConfirmPassword"] = AccountSteps.Password,
        });
        var login = await client.PostLoginAsync("nia@example.com", AccountSteps.Password);

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.StartsWith("/Identity/Account/RegisterConfirmation", registered.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("Confirm your email first", await login.TextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(login.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith(".AspNetCore.Identity.Application", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_mailbox_page_lists_the_mail_received_in_Development_and_is_not_there_outside_it()
    {
        await using var development = new ExchangeAppFactory();
        await development.CreateAsync("mia@example.com");
        using (var client = development.FormClient())
        {
            await client.PostFormAsync("/Identity/Account/ForgotPassword", new() { ["Input.Email"] = "mia@example.com" });
            var mail = await development.MailAsync("mia@example.com", "Reset your password");
            var page = await client.GetStringAsync("/dev/mailbox", Token);
            Assert.Contains("Reset your password", page, StringComparison.Ordinal);
            Assert.Contains(WebUtility.HtmlEncode(mail.LinkTo("/Identity/Account/ResetPassword")), page, StringComparison.Ordinal);
        }

        await using var production = new ExchangeAppFactory { Environment = "Production", Settings = { ["HubEmulator:Enabled"] = "true" } };
        using var anonymous = production.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/dev/mailbox", Token)).StatusCode);
    }
}
