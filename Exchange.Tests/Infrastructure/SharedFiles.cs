using System.Text.Json;

namespace Exchange.Tests.Infrastructure;

/// <summary>The specification files in <c>shared/</c>, which sits beside the repository.</summary>
public static class SharedFiles
{
    public static string PathOf(string relative)
    {
        var path = Path.Combine(RepositoryRoot, "..", "shared", relative);
        return File.Exists(path) ? Path.GetFullPath(path) : throw new FileNotFoundException($"The shared specification file is missing: {path}");
    }

    /// <summary>The folder holding Exchange.Blazor.sln, above the test binaries.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Exchange.Blazor.sln"))) return dir.FullName;
            }
            throw new DirectoryNotFoundException("Could not find the repository root (Exchange.Blazor.sln) above " + AppContext.BaseDirectory);
        }
    }

    public static JsonDocument Json(string relative) => JsonDocument.Parse(File.ReadAllText(PathOf(relative)));
}
