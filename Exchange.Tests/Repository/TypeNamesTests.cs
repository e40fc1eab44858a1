using System.Reflection;
using System.Runtime.CompilerServices;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Exchange.Tests.Repository;

/// <summary>
/// A name means one thing in the solution: no two of its types share a simple name, so a reader, a
/// page or a test never has to ask which one is meant. A nested type is named within its container
/// and is left out, as are the types the compilers and generators write.
/// </summary>
[Fast]
public class TypeNamesTests
{
    private static readonly Assembly[] Projects =
    [
        typeof(Exchange.Core.ExchangeCoreServiceCollectionExtensions).Assembly,
        typeof(Exchange.Hub.HubServiceCollectionExtensions).Assembly,
        typeof(Exchange.Web.ExchangeWebServiceCollectionExtensions).Assembly,
        typeof(Exchange.Benchmarks.Processes.ExchangeApps).Assembly,
        typeof(TypeNamesTests).Assembly,
    ];

    // Razor compiles each folder's _Imports.razor to a class of that name. A migration is generated
    // once per provider, each in its provider's folder, under the one name it was added with.
    private static bool NamedByConvention(Type type) =>
        type.Name == "_Imports" || typeof(Migration).IsAssignableFrom(type);

    [Fact]
    public void No_two_types_in_the_solution_share_a_name()
    {
        var types = Projects.SelectMany(p => p.GetTypes()).Where(IsWritten).ToList();

        var shared = types.Where(t => !NamedByConvention(t)).GroupBy(t => t.Name)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => $"{t.FullName} ({t.Assembly.GetName().Name})"))}")
            .ToList();

        Assert.True(types.Count > 500, $"Only {types.Count} types were found.");
        Assert.True(shared.Count == 0, "Types that share a name (rename one so each says what it is):\n" + string.Join("\n", shared));
    }

    // Written in the projects' sources (a .cs or .razor file), not by a compiler or a source generator.
    private static bool IsWritten(Type type) =>
        !type.IsNested
        && type.Namespace?.StartsWith("Exchange.", StringComparison.Ordinal) == true
        && type.GetCustomAttribute<CompilerGeneratedAttribute>() is null;
}
