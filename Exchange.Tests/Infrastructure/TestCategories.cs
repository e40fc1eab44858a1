using Xunit.v3;

namespace Exchange.Tests.Infrastructure;

/// <summary>
/// Every test class carries one category, as the trait <c>Category</c>, so a quick loop can run a
/// part of the suite: <c>./test.sh --filter-trait "Category=Fast"</c>. Base classes carry theirs
/// for the classes derived from them.
/// </summary>
public abstract class CategoryAttribute(string category) : Attribute, ITraitAttribute
{
    public const string Trait = "Category";

    public string Category => category;

    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() => [new(Trait, category)];
}

/// <summary>Nothing beyond memory: no file, no socket, no process.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class FastAttribute() : CategoryAttribute("Fast");

/// <summary>Real parts: a SQLite file, HTTP to the Hub emulator, the app over Kestrel, a child process.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class IntegrationAttribute() : CategoryAttribute("Integration");

/// <summary>Headless chromium driving the running app.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class BrowserAttribute() : CategoryAttribute("Browser");
