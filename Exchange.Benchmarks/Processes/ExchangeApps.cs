using System.Reflection;
using Exchange.Web;

namespace Exchange.Benchmarks.Processes;

/// <summary>
/// The repository's apps, built, ready for <see cref="ChildProcess"/>. A project reference puts
/// each one's dll, with the runtime configuration <c>dotnet</c> needs to run it, beside whatever
/// references it: the app is found through one of its own types, so a build that compiles this
/// one has built it too.
/// </summary>
public static class ExchangeApps
{
    /// <summary>Exchange.Web with <paramref name="arguments"/>, its folder (where its appsettings.json and static web assets' manifests lie) the current one.</summary>
    public static ChildStart Web(params IEnumerable<string> arguments) => In(Built(typeof(HostArguments).Assembly), "Exchange.Web", arguments);

    /// <summary>This project's own verbs (<c>benchmark</c>, <c>benchmark-pages</c>...) with <paramref name="arguments"/>.</summary>
    public static ChildStart Benchmarks(params IEnumerable<string> arguments) => In(Built(typeof(ExchangeApps).Assembly), "Exchange.Benchmarks", arguments);

    private static ChildStart In(string dll, string name, IEnumerable<string> arguments) =>
        ChildStart.Dotnet(name, dll, arguments) with { WorkingDirectory = Path.GetDirectoryName(dll) };

    private static string Built(Assembly app)
    {
        var dll = app.Location;
        var configuration = Path.ChangeExtension(dll, ".runtimeconfig.json");
        return File.Exists(configuration) ? dll
            : throw new InvalidOperationException($"{dll} cannot be run: there is no {Path.GetFileName(configuration)} beside it. Build the solution (dotnet build Exchange.Blazor.sln -c Release).");
    }
}
