using System.Reflection;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Repository;

/// <summary>The quick loops in the README (<c>--filter-trait "Category=Fast"</c>) only work while every test class has one category.</summary>
[Fast]
public class TestCategoryTests
{
    [Fact]
    public void Every_test_class_has_exactly_one_category()
    {
        var testClasses = typeof(TestCategoryTests).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetMethods().Any(m => m.GetCustomAttribute<FactAttribute>() is not null))
            .ToList();

        var wrong = testClasses
            .Select(t => (Type: t, Categories: t.GetCustomAttributes<CategoryAttribute>(inherit: true).Select(c => c.Category).ToList()))
            .Where(t => t.Categories.Count != 1)
            .Select(t => $"{t.Type.FullName}: [{string.Join(", ", t.Categories)}]")
            .ToList();

        Assert.True(testClasses.Count > 50, $"Only {testClasses.Count} test classes were found.");
        Assert.True(wrong.Count == 0, "Test classes without exactly one of [Fast], [Integration], [Browser]:\n" + string.Join("\n", wrong));
    }
}
