using System.Collections.Concurrent;

namespace Exchange.Benchmarks.Circuits;

/// <summary>
/// Answers to the JavaScript calls the dashboard makes (Blazor's own and MudBlazor's), as a desktop
/// browser would give them closely enough for the components to carry on: a call that returns an
/// object reference gets a fresh one, any other gets null. Counts what was asked, for the report.
/// </summary>
internal sealed class BrowserAnswers
{
    public const string AttachRenderer = "Blazor._internal.attachWebRendererInterop";

    private const int ObjectReference = 1;
    private long nextObjectId;

    // Calls whose caller reads a value: a large desktop window.
    private static readonly Dictionary<string, string> Values = new(StringComparer.Ordinal)
    {
        ["mudResizeListener.getBreakpoint"] = "3",
        ["mudResizeListenerFactory.getBreakpoint"] = "3",
        ["mudResizeListener.matchMedia"] = "true",
        ["mudResizeListenerFactory.matchMedia"] = "true",
        ["mudResizeListener.getBrowserWindowSize"] = """{"height":900,"width":1440}""",
        ["mudResizeListenerFactory.getBrowserWindowSize"] = """{"height":900,"width":1440}""",
        ["mudResizeObserver.connect"] = "[]",
        ["mudpopoverHelper.countProviders"] = "1",
        ["window.hasOwnProperty"] = "true",
        ["mudElementRef.getBoundingClientRect"] = """{"x":0,"y":0,"width":1440,"height":64,"top":0,"right":1440,"bottom":64,"left":0,"scrollX":0,"scrollY":0,"windowHeight":900,"windowWidth":1440}""",
        ["darkModeChange"] = "false",
        ["mudThemeProvider.isDarkMode"] = "false",
    };

    public ConcurrentDictionary<string, int> Asked { get; } = new(StringComparer.Ordinal);

    /// <summary>The result as JSON.</summary>
    public string Answer(string identifier, int resultType)
    {
        Asked.AddOrUpdate(identifier, 1, (_, n) => n + 1);
        if (resultType == ObjectReference)
            return $$"""{"__jsObjectId":{{Interlocked.Increment(ref nextObjectId)}}}""";
        return Values.GetValueOrDefault(identifier, "null");
    }
}
