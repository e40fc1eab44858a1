using System.Text.Json;

namespace Exchange.Tests.Infrastructure;

/// <summary>The test data in Exchange.Tests/Fixtures, which the build copies beside the test binaries.</summary>
public static class Fixtures
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string PathOf(string name)
    {
        var path = Path.Combine(Folder, name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"The fixture {name} is not beside the test binaries: {path}");
    }

    public static JsonDocument Json(string name) => JsonDocument.Parse(File.ReadAllText(PathOf(name)));
}
