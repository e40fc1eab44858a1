namespace Exchange.Tests.Infrastructure;

/// <summary>The source tree the tests were built from, for tests that run or read the projects themselves.</summary>
public static class RepositoryFolders
{
    /// <summary>The folder holding Exchange.Blazor.sln, above the test binaries.</summary>
    public static string Root
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
}
