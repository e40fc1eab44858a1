namespace Exchange.Benchmarks.Pages;

internal static class PagesReport
{
    // The server's processor time per request says what a request costs even on a busy machine,
    // where the latencies mostly say how long it waited for a core.
    public static void Print(IReadOnlyList<PageFigures> figures, int rows, long signedInRows, int users, TimeSpan duration, TimeSpan serverProcessor)
    {
        Console.WriteLine($"""

            ledger rows           {rows} ({signedInRows} on the {users} signed-in users, about {signedInRows / users} each)
            users                 {users} signed in over HTTP, closed loop for {duration.TotalSeconds:0} s

            page                  requests  errors    req/s   p50 ms   p95 ms   p99 ms
            """);
        foreach (var page in figures)
            Console.WriteLine($"{page.Page.Name,-20}  {page.Latencies.Count,8}  {page.Errors.Count,6}  {page.Latencies.Count / duration.TotalSeconds,7:0.0}  {page.Percentile(0.50),7:0.0}  {page.Percentile(0.95),7:0.0}  {page.Percentile(0.99),7:0.0}");
        var all = figures.Sum(f => f.Latencies.Count);
        Console.WriteLine($"{"all",-20}  {all,8}  {figures.Sum(f => f.Errors.Count),6}  {all / duration.TotalSeconds,7:0.0}");
        Console.WriteLine($"""

            server processor      {serverProcessor.TotalMilliseconds / Math.Max(1, all):0.0} ms per request ({serverProcessor.TotalSeconds / duration.TotalSeconds:0.00} cores busy; its jobs' share included)
            """);
    }

    /// <summary>0 when every answer, the warm-up's included, was 200 with the user's own figures; else 1, with the first failures.</summary>
    public static int Check(IReadOnlyList<string> warmUp, IReadOnlyList<PageFigures> figures)
    {
        var errors = warmUp.Concat(figures.SelectMany(f => f.Errors)).ToList();
        if (errors.Count == 0 && figures.All(f => f.Latencies.Count > 0))
        {
            Console.WriteLine("\ncheck                 every answer 200 with the user's own balance, address or entries: OK");
            return 0;
        }
        Console.WriteLine($"\ncheck                 FAILED: {errors.Count} wrong answers{(figures.Any(f => f.Latencies.Count == 0) ? ", a page never answered" : "")}");
        foreach (var error in errors.Take(10)) Console.WriteLine($"  {error}");
        return 1;
    }
}
