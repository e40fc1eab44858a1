using System.Text.RegularExpressions;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Repository;

/// <summary>
/// A fresh clone builds and tests itself: no source file reaches for a shared folder beside the
/// repository, and the data the tests replay travels with the test binaries.
/// </summary>
[Fast]
public partial class RepositoryStandsAloneTests
{
    private static readonly HashSet<string> SourceExtensions = [".cs", ".razor", ".cshtml", ".csproj", ".props", ".sln", ".sh", ".json", ".yml"];
    private static readonly HashSet<string> SkippedFolders = ["bin", "obj", ".git", ".vs", ".idea", "TestResults", "node_modules"];
    private static readonly string FixturesFolder = Path.Combine(RepositoryFolders.Root, "Exchange.Tests", "Fixtures");
    // This file names the paths it looks for, so it is the one source left out of the search.
    private static readonly string ThisFile = Path.Combine(RepositoryFolders.Root, "Exchange.Tests", "Repository", "RepositoryStandsAloneTests.cs");

    [Fact]
    public void No_source_file_refers_to_a_shared_folder_beside_the_repository()
    {
        var sources = Sources().ToList();
        Assert.Contains(Path.Combine(RepositoryFolders.Root, "test.sh"), sources);
        Assert.Contains(Path.Combine(RepositoryFolders.Root, "Exchange.Tests", "Exchange.Tests.csproj"), sources);
        Assert.Contains(Path.Combine(RepositoryFolders.Root, "Exchange.Tests", "Infrastructure", "Fixtures.cs"), sources);

        var offenders = sources.Where(s => SharedFolderPath().IsMatch(File.ReadAllText(s))).Select(s => Path.GetRelativePath(RepositoryFolders.Root, s));
        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData("""var path = Path.Combine(RepositoryRoot, "..", "shared", relative);""")]
    [InlineData("""File.ReadAllText("../shared/hub/examples.json")""")]
    [InlineData("""File.ReadAllText("..\\shared\\iota\\vectors.json")""")]
    [InlineData("""<None Include="..\..\shared\**" />""")]
    [InlineData("""cp ../../shared/iota/vectors.json .""")]
    public void The_search_recognises_each_way_of_writing_the_shared_path(string line) => Assert.Matches(SharedFolderPath(), line);

    [Theory]
    [InlineData("// the shared harness in Infrastructure")]
    [InlineData("""Fixtures.Json("hub-examples.json")""")]
    [InlineData("""Path.Combine(folder, "shared-key.txt")""")]
    public void The_search_leaves_the_word_shared_alone_when_it_is_no_path(string line) => Assert.DoesNotMatch(SharedFolderPath(), line);

    [Fact]
    public void Hub_examples_and_iota_vectors_are_copied_beside_the_test_binaries()
    {
        using var examples = Fixtures.Json("hub-examples.json");
        Assert.True(examples.RootElement.GetArrayLength() > 100, $"Only {examples.RootElement.GetArrayLength()} Hub examples");

        using var vectors = Fixtures.Json("iota-vectors.json");
        foreach (var set in (string[])["kerl", "checksum", "invalidChecksum", "tags", "addresses"])
            Assert.True(vectors.RootElement.GetProperty(set).GetArrayLength() > 0, $"The IOTA vectors have no {set} cases");
    }

    private static IEnumerable<string> Sources() => Sources(new DirectoryInfo(RepositoryFolders.Root));

    private static IEnumerable<string> Sources(DirectoryInfo folder)
    {
        foreach (var file in folder.EnumerateFiles())
        {
            if ((SourceExtensions.Contains(file.Extension) || file.Name == "Dockerfile") && file.FullName != ThisFile) yield return file.FullName;
        }
        foreach (var child in folder.EnumerateDirectories())
        {
            if (SkippedFolders.Contains(child.Name) || child.FullName == FixturesFolder) continue;
            foreach (var file in Sources(child)) yield return file;
        }
    }

    // "../shared", "..\shared" (also escaped in a C# string), or "..", "shared" as Path.Combine arguments.
    [GeneratedRegex(@"\.\.(/|\\{1,2})shared\b|""\.\.""\s*,\s*""shared""")]
    private static partial Regex SharedFolderPath();
}
