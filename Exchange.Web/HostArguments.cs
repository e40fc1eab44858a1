namespace Exchange.Web;

/// <summary>
/// What every host of the app starts with besides its command line. Configuration is read once, at
/// start, where the options are validated; it is not watched. A watcher watches the whole content
/// root, and the SQLite database and its WAL live under it (<c>data/</c>): every write would wake it
/// (docs/benchmarks.md, section 1).
/// </summary>
public static class HostArguments
{
    public const string NoConfigurationReload = "--hostBuilder:reloadConfigOnChange=false";

    public static string[] With(string[] args) => [.. args, NoConfigurationReload];
}
