using System.Text.Json;

namespace Exchange.Web.Components.Pages.Proofs;

/// <summary>A sibling on the way to the root as the page lists it: its side and its hash and sums (base units, coin order).</summary>
public sealed record PathStepView(int Level, string Side, string Hash, IReadOnlyList<string> Sums);

/// <summary>
/// What a user's proof file says, read for display only: the page shows the user their key and
/// path, and the check itself runs in the browser on the file as downloaded.
/// </summary>
public sealed record ProofFileView(string Key, long Index, IReadOnlyList<PathStepView> Path)
{
    public static ProofFileView Read(string proofJson)
    {
        using var document = JsonDocument.Parse(proofJson);
        var leaf = document.RootElement.GetProperty("leaf");
        var index = leaf.GetProperty("index").GetInt64();
        var path = document.RootElement.GetProperty("path").EnumerateArray().Select((step, level) => new PathStepView(level + 1,
            ((index >> level) & 1) == 0 ? "right" : "left", step.GetProperty("hash").GetString()!,
            [.. step.GetProperty("sums").EnumerateArray().Select(s => s.GetString()!)])).ToList();
        return new ProofFileView(leaf.GetProperty("key").GetString()!, index, path);
    }
}
