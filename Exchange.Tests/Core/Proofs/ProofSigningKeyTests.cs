using System.Security.Cryptography;
using System.Text;
using Exchange.Core.Proofs;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace Exchange.Tests.Core.Proofs;

/// <summary>The key that signs manifests: made in Development, required and checked everywhere else, published as PEM and fingerprint.</summary>
[Integration]
public sealed class ProofSigningKeyTests : IDisposable
{
    private const string Setting = "ProofOfLiabilities:SigningKeyPath";
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void In_development_a_key_is_made_on_first_use_in_the_data_folder_readable_by_its_owner_only_and_kept()
    {
        using var first = Key(Environments.Development);
        var published = first.PublicKey;
        using var again = Key(Environments.Development);

        var file = Path.Combine(folder.Path, "data", "proof-of-liabilities-key.pem");
        Assert.True(File.Exists(file));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(published, again.PublicKey);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", published.Pem);
        Assert.Equal(64, published.Fingerprint.Length);
    }

    [Fact]
    public void A_signature_is_p1363_over_the_manifests_utf8_bytes_and_verifies_with_the_published_key()
    {
        using var key = Key(Environments.Development);
        const string manifest = "{\"scheme\":\"exchange-pol-v1\"}";

        var signature = Convert.FromBase64String(key.Sign(manifest));

        using var published = ECDsa.Create();
        published.ImportFromPem(key.PublicKey.Pem);
        Assert.Equal(64, signature.Length);
        Assert.True(published.VerifyData(Encoding.UTF8.GetBytes(manifest), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(published.ExportSubjectPublicKeyInfo())), key.PublicKey.Fingerprint);
    }

    [Fact]
    public void Outside_development_the_setting_is_required_and_named()
    {
        var problem = ProofSigningKey.Problem(new ProofOfLiabilitiesOptions(), Environment(Environments.Production));

        Assert.StartsWith($"{Setting} is not set: outside Development it must name the PEM file of the ECDSA P-256 private key", problem);
        Assert.False(File.Exists(Path.Combine(folder.Path, "data", "proof-of-liabilities-key.pem")));
    }

    [Fact]
    public void A_key_file_that_is_missing_on_another_curve_or_public_only_is_refused_naming_the_setting()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        File.WriteAllText(Path.Combine(folder.Path, "p384.pem"), p384.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(folder.Path, "public.pem"), File.ReadAllText(TestSigningKey.PublicKeyPath));

        Assert.Contains("which is no usable signing key: the key is on curve", Problem("p384.pem"));
        Assert.Contains("not P-256", Problem("p384.pem"));
        Assert.StartsWith($"{Setting} names public.pem, which is no usable signing key", Problem("public.pem"));
        Assert.StartsWith($"{Setting} names missing.pem, which is no usable signing key: Could not find file", Problem("missing.pem"));
        Assert.Null(Problem(TestSigningKey.PrivateKeyPath));
    }

    [Fact]
    public void A_key_as_openssl_ecparam_writes_it_signs()
    {
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(Path.Combine(folder.Path, "sec1.pem"), p256.ExportECPrivateKeyPem());

        Assert.Null(Problem("sec1.pem"));
        using var key = new ProofSigningKey(Options.Create(new ProofOfLiabilitiesOptions { SigningKeyPath = "sec1.pem" }), Environment(Environments.Production));
        Assert.Equal(ProofPublicKey.Of(p256), key.PublicKey);
    }

    [Fact]
    public async Task The_app_outside_development_without_the_key_does_not_start_and_names_the_setting()
    {
        await using var app = new ExchangeAppFactory { Environment = "Production", Settings = { ["HubEmulator:Enabled"] = "true", [Setting] = "" } };

        var failure = Record.Exception(() => app.Services.GetRequiredService<IOptions<ProofOfLiabilitiesOptions>>());

        Assert.Contains($"{Setting} is not set", failure?.ToString());
    }

    private string? Problem(string path) =>
        ProofSigningKey.Problem(new ProofOfLiabilitiesOptions { SigningKeyPath = path }, Environment(Environments.Production));

    private ProofSigningKey Key(string environment) =>
        new(Options.Create(new ProofOfLiabilitiesOptions()), Environment(environment));

    private HostingEnvironment Environment(string name) =>
        new() { EnvironmentName = name, ContentRootPath = folder.Path, ContentRootFileProvider = new NullFileProvider(), ApplicationName = "Exchange.Web" };
}
