using System.Diagnostics;

namespace Exchange.Benchmarks.Pages;

/// <summary>Each page's latencies (ms) and failures over a run.</summary>
internal sealed class PageFigures(BenchmarkPage page)
{
    public BenchmarkPage Page { get; } = page;
    public List<double> Latencies { get; } = [];
    public List<string> Errors { get; } = [];

    public double Percentile(double p)
    {
        if (Latencies.Count == 0) return double.NaN;
        var sorted = Latencies.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}

/// <summary>
/// A closed loop: every signed-in user fetches the pages one after another, the next request
/// only when the last answered, until the time is up.
/// </summary>
internal static class LoadRun
{
    public static async Task<List<PageFigures>> RunAsync(IReadOnlyList<SignedInClient> clients, IReadOnlyList<BenchmarkPage> pages, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        var perUser = await Task.WhenAll(clients.Select((client, i) => Task.Run(() => LoopAsync(client, pages, i, stop.Token))));
        return pages.Select((page, p) =>
        {
            var figures = new PageFigures(page);
            foreach (var user in perUser)
            {
                figures.Latencies.AddRange(user[p].Latencies);
                figures.Errors.AddRange(user[p].Errors);
            }
            return figures;
        }).ToList();
    }

    /// <summary>
    /// Not counted: one round of every page for every user (the server's first renders and query
    /// plans), then the loop itself for <paramref name="duration"/> (the runtime recompiles the hot
    /// code, optimised, while it runs). Returns the wrong answers.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WarmUpAsync(IReadOnlyList<SignedInClient> clients, IReadOnlyList<BenchmarkPage> pages, TimeSpan duration)
    {
        var problems = await Task.WhenAll(clients.Select(async client =>
        {
            var found = new List<string>();
            foreach (var page in pages)
                if (await client.FetchAsync(page, CancellationToken.None) is { } problem) found.Add($"{client.User.Email} {problem}");
            return found;
        }));
        var looped = duration > TimeSpan.Zero ? await RunAsync(clients, pages, duration) : [];
        return [.. problems.SelectMany(p => p), .. looped.SelectMany(f => f.Errors)];
    }

    // Each user starts at a different page, so the pages are asked for evenly all through the run.
    private static async Task<List<PageFigures>> LoopAsync(SignedInClient client, IReadOnlyList<BenchmarkPage> pages, int offset, CancellationToken stop)
    {
        var figures = pages.Select(p => new PageFigures(p)).ToList();
        for (var i = offset; !stop.IsCancellationRequested; i++)
        {
            var page = figures[i % pages.Count];
            var clock = Stopwatch.StartNew();
            string? problem;
            try
            {
                problem = await client.FetchAsync(page.Page, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (HttpRequestException e)
            {
                problem = $"{page.Page.Name}: {e.Message}";
            }
            page.Latencies.Add(clock.Elapsed.TotalMilliseconds);
            if (problem is not null) page.Errors.Add($"{client.User.Email} {problem}");
        }
        return figures;
    }
}
