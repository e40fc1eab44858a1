using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Exchange.Core.Proofs;

/// <summary>
/// A user's proof file: the signed manifest (its exact text), the signature and public key, the
/// user's leaf (position, key k, balances) and the path to the root (each level's sibling hash
/// and sums). docs/proof-of-liabilities.md describes every member.
/// </summary>
internal static class InclusionProof
{
    // The file is read by people and verifiers, never put into HTML: '+' in base64 stays '+'.
    private static readonly JsonWriterOptions Readable = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(string manifest, string signature, string publicKeyPem, long leafIndex, ReadOnlySpan<byte> key, ReadOnlySpan<ulong> balances,
        IReadOnlyList<ProofStep> path)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Readable))
        {
            json.WriteStartObject();
            json.WriteString("scheme", ProofHashing.Scheme);
            json.WriteString("manifest", manifest);
            json.WriteString("signature", signature);
            json.WriteString("publicKey", publicKeyPem);
            json.WriteStartObject("leaf");
            json.WriteNumber("index", leafIndex);
            json.WriteString("key", Convert.ToHexStringLower(key));
            WriteAmounts(json, "balances", balances);
            json.WriteEndObject();
            json.WriteStartArray("path");
            foreach (var step in path)
            {
                json.WriteStartObject();
                json.WriteString("hash", Convert.ToHexStringLower(step.Hash));
                WriteAmounts(json, "sums", step.Sums);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteAmounts(Utf8JsonWriter json, string name, ReadOnlySpan<ulong> amounts)
    {
        json.WriteStartArray(name);
        foreach (var amount in amounts) json.WriteStringValue(ProofJson.Amount(amount));
        json.WriteEndArray();
    }
}
