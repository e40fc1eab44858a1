using System.Text.Json;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Core.Proofs;

/// <summary>The proof-of-liabilities test vectors in Fixtures/proof-of-liabilities (see its README).</summary>
internal static class ProofVectors
{
    public const string Folder = "proof-of-liabilities";

    public static JsonElement Vectors { get; } = Read("vectors.json");

    public static IReadOnlyList<string> Users { get; } = [.. Vectors.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("name").GetString()!)];

    public static JsonElement User(string name) => Vectors.GetProperty("users").EnumerateArray().Single(u => u.GetProperty("name").GetString() == name);

    public static string ProofPath(string user) => Fixtures.PathOf($"{Folder}/proofs/{user}.json");

    public static string Proof(string user) => File.ReadAllText(ProofPath(user)).TrimEnd('\n');

    public static string PublicKey => File.ReadAllText(TestSigningKey.PublicKeyPath);

    public static IReadOnlyList<Mutation> Mutations { get; } = [.. Read("mutations.json").EnumerateArray().Select(m => new Mutation(m))];

    public static Mutation MutationNamed(string name) => Mutations.Single(m => m.Name == name);

    /// <summary>The balances a user expects, base units by coin symbol.</summary>
    public static Dictionary<string, ulong> BalancesOf(JsonElement user)
    {
        var coins = Vectors.GetProperty("coins").EnumerateArray().Select(c => c.GetProperty("symbol").GetString()!).ToList();
        var balances = user.GetProperty("balances").EnumerateArray().Select(b => ulong.Parse(b.GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return coins.Zip(balances).ToDictionary(p => p.First, p => p.Second);
    }

    public static byte[] Hex(JsonElement element, string name) => Convert.FromHexString(element.GetProperty(name).GetString()!);

    private static JsonElement Read(string name)
    {
        using var document = Fixtures.Json($"{Folder}/{name}");
        return document.RootElement.Clone();
    }
}

/// <summary>A proof changed in one place, the step at which every verifier must reject it, and what the user expects (base units), if anything.</summary>
internal sealed class Mutation(JsonElement entry)
{
    public string Name => entry.GetProperty("name").GetString()!;
    public string RejectedAt => entry.GetProperty("rejectedAt").GetString()!;
    public string Base => entry.GetProperty("base").GetString()!;
    public string Proof => entry.GetProperty("proof").GetRawText();

    public Dictionary<string, ulong>? Expected => entry.TryGetProperty("expect", out var expect)
        ? expect.EnumerateObject().ToDictionary(p => p.Name, p => ulong.Parse(p.Value.GetString()!, System.Globalization.CultureInfo.InvariantCulture))
        : null;

    public override string ToString() => Name;
}
