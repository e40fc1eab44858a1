using System.Xml.Linq;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Repository;

/// <summary>The Dockerfile read as Docker reads it, instruction by instruction (there is no Docker engine here to build it).</summary>
[Fast]
public class DockerfileTests
{
    private sealed record Instruction(string Keyword, string Arguments);

    private const string WebProject = "Exchange.Web/Exchange.Web.csproj";

    private static readonly List<Instruction> Instructions = Parse(File.ReadAllLines(Path.Combine(RepositoryFolders.Root, "Dockerfile")));

    [Fact]
    public void Packages_are_restored_from_the_project_files_alone_before_the_sources_are_copied()
    {
        var copies = Instructions.TakeWhile(i => i.Keyword != "RUN").Where(i => i.Keyword == "COPY").Select(i => i.Arguments).ToList();
        var restore = Instructions.FindIndex(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal));
        var copyAll = Instructions.FindIndex(i => i.Keyword == "COPY" && i.Arguments == ". .");

        Assert.Contains("global.json Directory.Build.props Directory.Packages.props ./", copies);
        foreach (var project in WithReferences(WebProject))
            Assert.Contains(copies, c => c.StartsWith(project, StringComparison.Ordinal));
        Assert.True(restore >= 0 && restore < copyAll, "dotnet restore must run before the sources are copied");
        Assert.Contains(Instructions, i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet publish", StringComparison.Ordinal) && i.Arguments.Contains("--no-restore"));
    }

    [Fact]
    public void The_image_restores_and_publishes_the_web_app_alone()
    {
        var web = WithReferences(WebProject);
        var projects = Instructions.Where(i => i.Keyword == "COPY").SelectMany(i => i.Arguments.Split(' ')).Where(a => a.EndsWith(".csproj", StringComparison.Ordinal));

        Assert.All(projects, project => Assert.Contains(project, web));
        Assert.Equal($"dotnet restore {WebProject}", Instructions.Single(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal)).Arguments);
        Assert.StartsWith($"dotnet publish {WebProject} ", Instructions.Single(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet publish", StringComparison.Ordinal)).Arguments);
        Assert.DoesNotContain(web, project => project.StartsWith("Exchange.Benchmarks", StringComparison.Ordinal) || project.StartsWith("Exchange.Tests", StringComparison.Ordinal));
    }

    [Fact]
    public void The_runtime_stage_is_the_ASP_NET_image_running_as_its_non_root_app_user()
    {
        var stages = Instructions.Where(i => i.Keyword == "FROM").Select(i => i.Arguments).ToList();
        var runtime = Instructions.SkipWhile(i => i != Instructions.Last(i => i.Keyword == "FROM")).ToList();

        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0 AS restore", "restore AS publish", "mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime"], stages);
        Assert.Equal("$APP_UID", runtime.Last(i => i.Keyword == "USER").Arguments);
        Assert.True(runtime.FindIndex(i => i.Keyword == "USER") < runtime.FindIndex(i => i.Keyword == "ENTRYPOINT"), "the app must start as the app user");
        Assert.Equal("""["dotnet", "Exchange.Web.dll"]""", runtime.Single(i => i.Keyword == "ENTRYPOINT").Arguments);
    }

    [Fact]
    public void The_health_check_probes_readiness_with_the_apps_own_verb()
    {
        var check = Instructions.Single(i => i.Keyword == "HEALTHCHECK").Arguments;

        Assert.EndsWith("""CMD ["dotnet", "Exchange.Web.dll", "probe", "http://127.0.0.1:8080/health/ready"]""", check);
        Assert.Contains("Urls=http://0.0.0.0:8080", Instructions.Single(i => i.Keyword == "ENV").Arguments);
    }

    // The project and every project it references, as repository paths the Dockerfile's way (forward slashes).
    private static List<string> WithReferences(string project)
    {
        var found = new List<string> { project };
        for (var i = 0; i < found.Count; i++)
        {
            var folder = Path.GetDirectoryName(Path.Combine(RepositoryFolders.Root, found[i]))!;
            var references = XDocument.Load(Path.Combine(RepositoryFolders.Root, found[i])).Descendants("ProjectReference")
                .Select(r => Path.GetRelativePath(RepositoryFolders.Root, Path.GetFullPath(Path.Combine(folder, r.Attribute("Include")!.Value.Replace('\\', '/')))).Replace('\\', '/'));
            found.AddRange(references.Where(r => !found.Contains(r)));
        }
        return found;
    }

    // Comments dropped, continuation lines joined, as Docker does.
    private static List<Instruction> Parse(string[] lines)
    {
        var instructions = new List<Instruction>();
        var current = "";
        foreach (var raw in lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            current += raw.EndsWith('\\') ? raw[..^1].TrimEnd() + " " : raw;
            if (raw.EndsWith('\\')) continue;
            var space = current.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add(new Instruction(current[..space].ToUpperInvariant(), current[(space + 1)..].Trim()));
            current = "";
        }
        return instructions;
    }
}
