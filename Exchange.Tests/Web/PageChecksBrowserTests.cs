using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Web;

/// <summary>The checks every page passes must themselves find what they look for, on a page made to fail them.</summary>
[Browser]
public sealed class PageChecksBrowserTests(Browser browser)
{
    private const string FailingPage = """
        <!doctype html><html lang="en"><head><title>Made to fail</title></head><body>
          <main>
            <button id="menu"><svg width="16" height="16"></svg></button>
            <p id="faint" style="color:#bbb;background:#fff">Faint coin name</p>
            <div id="wide" style="width:2000px">Too wide for a phone</div>
          </main>
        </body></html>
        """;

    [Fact]
    public async Task The_checks_name_an_unnamed_button_faint_text_and_a_page_wider_than_the_window()
    {
        var page = await browser.NewPageAsync(new Uri("about:blank"));
        try
        {
            await page.SetViewportSizeAsync(390, 900);
            await page.SetContentAsync(FailingPage);

            var accessibility = await PageChecks.AccessibilityAsync(page);
            var overflow = await PageChecks.OverflowAsync(page);

            Assert.Contains(accessibility, p => p.StartsWith("button-name (critical) at #menu", StringComparison.Ordinal));
            Assert.Contains(accessibility, p => p.StartsWith("color-contrast (serious) at #faint", StringComparison.Ordinal));
            Assert.Contains(overflow, p => p.StartsWith("the page is 2", StringComparison.Ordinal) && p.Contains("div#wide", StringComparison.Ordinal));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
