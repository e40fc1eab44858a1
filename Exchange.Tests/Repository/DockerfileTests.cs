using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Repository;

/// <summary>The Dockerfile read as Docker reads it, instruction by instruction (there is no Docker engine here to build it).</summary>
[Fast]
public class DockerfileTests
{
    private sealed record Instruction(string Keyword, string Arguments);

    private static readonly List<Instruction> Instructions = Parse(File.ReadAllLines(Path.Combine(RepositoryFolders.Root, "Dockerfile")));

    [Fact]
    public void Packages_are_restored_from_the_project_files_alone_before_the_sources_are_copied()
    {
        var copies = Instructions.TakeWhile(i => i.Keyword != "RUN").Where(i => i.Keyword == "COPY").Select(i => i.Arguments).ToList();
        var restore = Instructions.FindIndex(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal));
        var copyAll = Instructions.FindIndex(i => i.Keyword == "COPY" && i.Arguments == ". .");

        Assert.Contains("global.json Directory.Build.props Directory.Packages.props ./", copies);
        foreach (var project in Directory.GetFiles(RepositoryFolders.Root, "*.csproj", SearchOption.AllDirectories)
                     .Select(p => Path.GetRelativePath(RepositoryFolders.Root, p)).Where(p => !p.StartsWith("Exchange.Tests", StringComparison.Ordinal)))
            Assert.Contains(copies, c => c.StartsWith(project, StringComparison.Ordinal));
        Assert.True(restore >= 0 && restore < copyAll, "dotnet restore must run before the sources are copied");
        Assert.Contains(Instructions, i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet publish", StringComparison.Ordinal) && i.Arguments.Contains("--no-restore"));
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
