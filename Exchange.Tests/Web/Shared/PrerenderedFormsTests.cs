using AngleSharp.Html.Parser;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Web.Shared;

/// <summary>What the server sends before the circuit is up: nothing typed into it could survive, so nothing can be typed.</summary>
[Integration]
public class PrerenderedFormsTests
{
    [Fact]
    public async Task Every_prerendered_input_is_disabled_under_a_connecting_hint_until_the_page_is_interactive()
    {
        await using var app = new ExchangeAppFactory();
        await app.CreateAsync("ops@example.com", isOperator: true);
        var client = await app.LoggedInClientAsync("ops@example.com");
        string[] pages = ["/withdraw", "/deposit", "/settings/api-keys", "/history", "/operator/coins", "/operator/hot-wallet",
            "/operator/users", $"/operator/users/{await app.UserIdAsync("ops@example.com")}", "/operator/withdrawals", "/operator/audit", "/operator/jobs"];

        foreach (var path in pages)
        {
            var page = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(path, TestContext.Current.CancellationToken));

            var forms = page.QuerySelectorAll("fieldset.connected-form");
            Assert.True(forms.Length > 0, $"{path} has no form waiting for the connection");
            Assert.All(forms, f => Assert.True(f.HasAttribute("disabled") && f.QuerySelector("[data-field='connecting']") is not null,
                $"a form on {path} is usable, or does not say it is connecting, before the page is interactive"));
            Assert.All(page.QuerySelectorAll("input:not([type='hidden']), textarea"), input => Assert.True(input.Closest("fieldset[disabled]") is not null,
                $"{path} prerenders an input that takes typing: {input.OuterHtml}"));
        }
    }
}
