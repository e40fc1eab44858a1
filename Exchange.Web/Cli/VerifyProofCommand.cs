using System.Globalization;
using Exchange.Core.Proofs;

namespace Exchange.Web.Cli;

/// <summary>
/// <c>verify-proof FILE [--expect MIOTA=1.5,BTC=0] [--public-key PEM]</c>: checks a user's proof of
/// liabilities offline and prints every step. Expected balances are in the coins' display units
/// (as the exchange shows them), converted with the decimals of the signed manifest.
/// </summary>
public static class VerifyProofCommand
{
    public const string Verb = "verify-proof";
    public static readonly string[] OptionNames = ["expect", "public-key"];

    private const string Usage = "verify-proof takes one proof file: verify-proof proof.json [--expect MIOTA=1.5,BTC=0] [--public-key exchange-key.pem]";

    public static async Task<int> RunAsync(string[] args, IReadOnlyDictionary<string, string?> options, TextWriter output, TextWriter error)
    {
        if (args.Length != 1 || args[0].StartsWith('-'))
            return await BadAsync(error, Usage);
        if (ReadFile(args[0]) is not { } proof)
            return await BadAsync(error, $"The proof file {args[0]} cannot be read.");
        string? publicKey = null;
        if (options.TryGetValue("public-key", out var keyPath) && (keyPath is null || (publicKey = ReadFile(keyPath)) is null))
            return await BadAsync(error, $"--public-key needs a readable PEM file{(keyPath is null ? "" : $"; {keyPath} cannot be read")}.");
        IReadOnlyDictionary<string, ulong>? expected = null;
        if (options.TryGetValue("expect", out var expect) && ExpectedOf(expect, proof, out expected) is { } problem)
            return await BadAsync(error, problem);

        var verification = ProofVerifier.Verify(proof, expected, publicKey);
        await WriteAsync(output, verification);
        if (verification.Accepted)
        {
            await output.WriteLineAsync(expected is null
                ? "Accepted: the proof holds, but your balances were not compared (give them with --expect)."
                : "Accepted: your balances are in the signed total.");
            return 0;
        }
        await output.WriteLineAsync($"Rejected: {verification.Reason}");
        return 1;
    }

    private static async Task WriteAsync(TextWriter output, ProofVerification verification)
    {
        foreach (var step in verification.Steps)
            await output.WriteLineAsync($"{(step.Passed ? "ok  " : "FAIL")}  {step.Name}: {step.Detail}");
    }

    private static string? ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    // MIOTA=1.5,BTC=0: each coin of the signed manifest at most once, amounts in display units.
    private static string? ExpectedOf(string? text, string proof, out IReadOnlyDictionary<string, ulong>? expected)
    {
        expected = null;
        if (string.IsNullOrWhiteSpace(text)) return "--expect needs balances, e.g. --expect MIOTA=1.5,BTC=0";
        var coins = CoinsOf(proof);
        var amounts = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var pair in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0) return $"--expect: '{pair}' is not COIN=AMOUNT, e.g. MIOTA=1.5";
            if (coins is null) return "--expect needs the proof's manifest to know the coins' decimals, and the proof has no readable manifest.";
            if (coins.FirstOrDefault(c => c.Symbol == parts[0]) is not { } coin)
                return $"--expect: the proof's snapshot has no coin {parts[0]}; its coins are {string.Join(", ", coins.Select(c => c.Symbol))}.";
            if (amounts.ContainsKey(coin.Symbol)) return $"--expect names {coin.Symbol} twice.";
            if (BaseUnits(parts[1], coin.Decimals) is not { } amount)
                return $"--expect: {parts[1]} is not an amount of {coin.Symbol} with at most {coin.Decimals} decimals (display units, '.' as the separator).";
            amounts[coin.Symbol] = amount;
        }
        expected = amounts;
        return null;
    }

    private static IReadOnlyList<ManifestCoin>? CoinsOf(string proof)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(proof);
            return document.RootElement.TryGetProperty("manifest", out var manifest) && manifest.GetString() is { } text ? ProofManifest.Parse(text).Coins : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static ulong? BaseUnits(string text, int decimals)
    {
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || decimal.Round(amount, decimals) != amount) return null;
        var scale = 1m;
        for (var i = 0; i < decimals; i++) scale *= 10;
        return amount <= ulong.MaxValue / scale ? (ulong)(amount * scale) : null;
    }

    private static async Task<int> BadAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync(message);
        return 2;
    }
}
