using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Exchange.Tests.Infrastructure;

/// <summary>What a person notices on the page open now, each problem as one line naming the element.</summary>
public static class PageChecks
{
    private static readonly AxeRunOptions WcagAA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        // Only the violations are read: without this axe also describes every element that passed, back to .NET.
        ResultTypes = [ResultType.Violations],
    };

    // A short description of an element a person can find: tag, id, classes, data-field and the start of its text.
    private const string Describe = """
        e => {
            let name = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '');
            name += [...e.classList].filter(c => !c.includes('ripple')).slice(0, 3).map(c => '.' + c).join('');
            if (e.dataset.field) name += `[data-field=${e.dataset.field}]`;
            const text = (e.innerText || '').trim().replace(/\s+/g, ' ').slice(0, 40);
            return text ? `${name} "${text}"` : name;
        }
        """;

    private const string Overflow = "() => { const describe = " + Describe + ";\n" + """
            const problems = [];
            const root = document.documentElement;
            const width = root.clientWidth;
            const sticksOut = e => e.getBoundingClientRect().right > width + 1;
            if (root.scrollWidth > width) {
                const culprits = [...document.body.querySelectorAll('*')]
                    .filter(e => e.getBoundingClientRect().width > 0 && sticksOut(e) && !(e.parentElement && sticksOut(e.parentElement)));
                problems.push(`the page is ${root.scrollWidth} px wide in a ${width} px window; sticking out: ${culprits.slice(0, 3).map(describe).join('; ')}`);
            }
            for (const e of document.body.querySelectorAll('*')) {
                const overflow = getComputedStyle(e).overflowX;
                if ((overflow === 'auto' || overflow === 'scroll') && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
                    problems.push(`${describe(e)} scrolls sideways (${e.scrollWidth} px of content in ${e.clientWidth} px)`);
            }
            return problems;
        }
        """;

    /// <summary>Horizontal scrolling: the page wider than the window (naming what sticks out), or a box within it that scrolls sideways.</summary>
    public static async Task<IReadOnlyList<string>> OverflowAsync(IPage page) =>
        await page.EvaluateAsync<string[]>(Overflow);

    /// <summary>axe-core's WCAG 2.0 and 2.1 A and AA rules: each serious or critical violation, per element.</summary>
    public static async Task<IReadOnlyList<string>> AccessibilityAsync(IPage page)
    {
        var result = await page.RunAxe(WcagAA);
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .SelectMany(v => v.Nodes.Select(n => $"{v.Id} ({v.Impact}) at {n.Target}: {v.Help}{Why(n)} — {Shorten(n.Html)}"))
            .ToList();
    }

    // What axe measured, e.g. "Element has insufficient color contrast of 3.7 (foreground color: ...)".
    private static string Why(AxeResultNode node) =>
        (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message).FirstOrDefault(m => !string.IsNullOrEmpty(m)) is { } message
            ? $" ({message})"
            : "";

    /// <summary>
    /// Waits until the page has loaded its data (no progress bar) and stopped changing for a moment,
    /// so the checks see what a person would; a page still loading after 10 s is a problem itself.
    /// </summary>
    public static async Task<string?> SettledAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync("() => !document.querySelector('.mud-progress-linear')", null, new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            return "still loading after 10 s";
        }
        await page.EvaluateAsync("""
            () => new Promise(resolve => {
                let timer;
                const done = () => { observer.disconnect(); resolve(); };
                const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, 250); });
                observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
                timer = setTimeout(done, 250);
                setTimeout(done, 3000);
            })
            """);
        return null;
    }

    private static string Shorten(string html) => html.Length <= 120 ? html : html[..120] + "…";
}
