using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Exchange.Core.Proofs;

/// <summary>
/// The public half of the signing key as the exchange publishes it: PEM (SubjectPublicKeyInfo,
/// what WebCrypto imports as "spki") and its fingerprint, SHA-256 of those DER bytes in hex.
/// </summary>
public sealed record ProofPublicKey(string Pem, string Fingerprint)
{
    public static ProofPublicKey Of(ECDsa key) =>
        new(key.ExportSubjectPublicKeyInfoPem(), Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo())));
}

/// <summary>
/// The ECDSA P-256 key that signs manifests: SHA-256 over the manifest's UTF-8 bytes, the
/// signature as IEEE P1363 (r ‖ s, 64 bytes) in base64, which WebCrypto verifies as it is.
/// </summary>
public sealed class ProofSigningKey(IOptions<ProofOfLiabilitiesOptions> options, IHostEnvironment environment) : IDisposable
{
    private const string Setting = $"{ProofOfLiabilitiesOptions.Section}:SigningKeyPath";
    private const string P256 = "1.2.840.10045.3.1.7";
    private readonly Lock gate = new();
    private ECDsa? key;
    private ProofPublicKey? publicKey;

    public ProofPublicKey PublicKey
    {
        get
        {
            lock (gate) return publicKey ??= ProofPublicKey.Of(Key());
        }
    }

    public string Sign(string manifest)
    {
        lock (gate) return Convert.ToBase64String(Key().SignData(Encoding.UTF8.GetBytes(manifest), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    /// <summary>What is wrong with the configured key, in the operator's words; null when it signs (or will be made in Development).</summary>
    public static string? Problem(ProofOfLiabilitiesOptions options, IHostEnvironment environment)
    {
        if (string.IsNullOrWhiteSpace(options.SigningKeyPath))
            return environment.IsDevelopment() ? null
                : $"{Setting} is not set: outside Development it must name the PEM file of the ECDSA P-256 private key that signs the proof-of-liabilities manifests " +
                  "(e.g. made with `openssl ecparam -name prime256v1 -genkey -noout -out proof-signing-key.pem`).";
        try
        {
            using var loaded = Read(Resolve(options.SigningKeyPath, environment));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException or InvalidDataException)
        {
            return $"{Setting} names {options.SigningKeyPath}, which is no usable signing key: {e.Message}";
        }
    }

    private ECDsa Key()
    {
        if (key is not null) return key;
        var configured = options.Value.SigningKeyPath;
        if (!string.IsNullOrWhiteSpace(configured)) return key = Read(Resolve(configured, environment));
        if (!environment.IsDevelopment()) throw new InvalidOperationException(Problem(options.Value, environment));
        return key = ReadOrCreate(Resolve(ProofOfLiabilitiesOptions.DevelopmentKeyPath, environment));
    }

    private static string Resolve(string path, IHostEnvironment environment) => Path.GetFullPath(path, environment.ContentRootPath);

    private static ECDsa Read(string path)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
            var parameters = key.ExportParameters(includePrivateParameters: true);
            if (parameters.Curve.Oid?.Value != P256)
                throw new InvalidDataException($"the key is on curve {parameters.Curve.Oid?.FriendlyName ?? "unknown"}, not P-256 (prime256v1).");
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    // Written aside and moved in place, so that a second process starting at once on a fresh
    // Development folder reads either no file or the whole of the first one's.
    private static ECDsa ReadOrCreate(string path)
    {
        if (File.Exists(path)) return Read(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var aside = $"{path}.{Guid.NewGuid():N}.tmp";
        using (var created = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var writer = new StreamWriter(aside, Encoding.ASCII, file);
            writer.Write(created.ExportPkcs8PrivateKeyPem());
        }
        try
        {
            File.Move(aside, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(aside);
        }
        return Read(path);
    }

    public void Dispose()
    {
        lock (gate) key?.Dispose();
    }
}
