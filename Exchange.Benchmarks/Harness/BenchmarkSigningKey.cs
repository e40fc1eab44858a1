using System.Security.Cryptography;

namespace Exchange.Benchmarks.Harness;

/// <summary>
/// Outside Development the exchange does not start without a key to sign its proof-of-liabilities
/// manifests: a benchmark makes a throw-away one in its run's folder.
/// </summary>
internal static class BenchmarkSigningKey
{
    public const string Setting = "ProofOfLiabilities:SigningKeyPath";

    public static string WriteTo(string folder)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var path = Path.Combine(folder, "proof-signing-key.pem");
        File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem());
        return path;
    }
}
