using System.Text.RegularExpressions;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Repository;

/// <summary>
/// The harness the tests share, and the benchmarks with their process launcher, wait without
/// blocking a thread on a task: the tests run in parallel on one thread pool, and a fixture that
/// blocks (Task.Result, GetAwaiter().GetResult(), Wait()) starves it.
/// </summary>
[Fast]
public partial class AsyncHarnessTests
{
    private static readonly string[] Folders = [Path.Combine("Exchange.Tests", "Infrastructure"), "Exchange.Benchmarks"];

    [Fact]
    public void No_fixture_benchmark_or_launcher_blocks_on_a_task()
    {
        var sources = Folders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepositoryFolders.Root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj")).ToList();
        Assert.Contains(sources, file => file.EndsWith(Path.Combine("Processes", "ChildProcess.cs"), StringComparison.Ordinal));

        var blocking = sources.SelectMany(file => File.ReadLines(file).Select((line, i) => (File: file, Number: i + 1, Line: line)))
            .Where(source => Blocking().IsMatch(source.Line))
            .Select(source => $"{Path.GetRelativePath(RepositoryFolders.Root, source.File)}:{source.Number}: {source.Line.Trim()}");
        Assert.Empty(blocking);
    }

    [Theory]
    [InlineData("public Uri Address => listening.Task.Result;")]
    [InlineData("store = new(() => TestStore.CreateAsync().GetAwaiter().GetResult());")]
    [InlineData("started.Wait();")]
    [InlineData(".Select(c => c.Updated.Result.TotalMilliseconds)")]
    public void The_search_recognises_each_way_of_blocking_on_a_task(string line) => Assert.Matches(Blocking(), line);

    [Theory]
    [InlineData("var results = await Task.WhenAll(runs);")]
    [InlineData("await process.WaitForExitAsync(token);")]
    [InlineData("return await ready(child);")]
    public void The_search_leaves_awaiting_alone(string line) => Assert.DoesNotMatch(Blocking(), line);

    [GeneratedRegex(@"\.Result\b|\.GetAwaiter\(\)\.GetResult\(\)|\.Wait\(\)")]
    private static partial Regex Blocking();
}
