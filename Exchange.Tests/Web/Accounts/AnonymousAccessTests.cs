using System.Net;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Exchange.Tests.Web.Accounts;

[Integration]
public class AnonymousAccessTests(ExchangeAppFactory app) : IClassFixture<ExchangeAppFactory>
{
    private HttpClient NewClient() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Theory]
    [InlineData("/deposit")]
    [InlineData("/withdraw")]
    [InlineData("/history")]
    [InlineData("/settings/api-keys")]
    public async Task Exchange_pages_send_anonymous_visitors_to_the_login_page(string path)
    {
        var response = await NewClient().GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Identity/Account/Login?ReturnUrl={Uri.EscapeDataString(path)}", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_login_page_renders_a_login_form_in_the_exchange_layout()
    {
        var html = await NewClient().GetStringAsync("/Identity/Account/Login", TestContext.Current.CancellationToken);

        Assert.Contains("<form id=\"account\" method=\"post\"", html);
        Assert.Contains("name=\"Input.Email\"", html);
        Assert.Contains("name=\"Input.Password\"", html);
        Assert.Contains("class=\"account-bar\"", html);
    }

    [Fact]
    public async Task Anonymous_visitors_get_the_landing_page_at_the_root()
    {
        var response = await NewClient().GetAsync("/", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Create an account", html);
        Assert.DoesNotContain("id=\"balances\"", html);
    }
}
