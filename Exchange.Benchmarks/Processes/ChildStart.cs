namespace Exchange.Benchmarks.Processes;

/// <summary>What <see cref="ChildProcess"/> starts: a program and its arguments, where, and with which environment variables.</summary>
public sealed record ChildStart(string Name, string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>Its current directory (the .NET host's content root); unset, this process's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Set for it on top of this process's own.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables { get; init; } = new Dictionary<string, string>();

    /// <summary>A built .NET app, its <paramref name="dll"/>, under the dotnet host that runs this process (else the one on the PATH).</summary>
    public static ChildStart Dotnet(string name, string dll, IEnumerable<string> arguments) => new(name, DotnetHost(), [dll, .. arguments]);

    /// <summary>The app's hosting environment (Production, Development...).</summary>
    public ChildStart InEnvironment(string environment) => this with
    {
        EnvironmentVariables = new Dictionary<string, string>(EnvironmentVariables) { ["ASPNETCORE_ENVIRONMENT"] = environment, ["DOTNET_ENVIRONMENT"] = environment },
    };

    /// <summary>Configuration keys, after the arguments as <c>--Key=value</c>.</summary>
    public ChildStart WithSettings(IEnumerable<KeyValuePair<string, string>> settings) => this with
    {
        Arguments = [.. Arguments, .. settings.Select(s => $"--{s.Key}={s.Value}")],
    };

    // The SDK names its own host to what it starts (dotnet test, dotnet run) in DOTNET_HOST_PATH.
    private static string DotnetHost() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}

/// <summary>What a child run to its exit wrote, and how it ended.</summary>
public sealed record ChildRun(int ExitCode, string Output, string Error)
{
    /// <summary>Standard output, then standard error.</summary>
    public string Text => Output + Error;
}
