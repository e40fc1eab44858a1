using System.Globalization;
using System.Text.RegularExpressions;

namespace Exchange.Tests.Infrastructure;

/// <summary>Reads values out of a Prometheus text exposition, as a scraper would.</summary>
public static partial class PrometheusText
{
    /// <summary>The sum of the samples named <paramref name="name"/> whose labels include all of <paramref name="labels"/>; null when there is none.</summary>
    public static double? Value(string exposition, string name, params (string Label, string Value)[] labels)
    {
        double? sum = null;
        foreach (Match sample in Sample().Matches(exposition))
        {
            if (sample.Groups["name"].Value != name) continue;
            var found = Label().Matches(sample.Groups["labels"].Value).ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value);
            if (labels.All(l => found.TryGetValue(l.Label, out var value) && value == l.Value))
                sum = (sum ?? 0) + double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
        }
        return sum;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})?\s+(?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();

    [GeneratedRegex(@"(\w+)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
