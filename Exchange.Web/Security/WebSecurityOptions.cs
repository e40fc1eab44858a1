using System.ComponentModel.DataAnnotations;

namespace Exchange.Web.Security;

public sealed class WebSecurityOptions
{
    public const string Section = "Security";

    /// <summary>The largest request body the JSON API reads; larger ones get 413.</summary>
    [Range(1024, 10 * 1024 * 1024)]
    public long MaxApiBodyBytes { get; set; } = 64 * 1024;
}

/// <summary>
/// Where the Data Protection key ring is encrypted at rest. Outside Development a certificate is
/// required unless <see cref="AllowUnencryptedKeys"/> says the keys may lie in the database as they are.
/// </summary>
public sealed class DataProtectionOptions
{
    public const string Section = "DataProtection";

    public const string Required =
        "Outside Development the Data Protection keys (they sign login cookies and form tokens) are encrypted at rest: " +
        "set DataProtection:CertificatePath to a PKCS#12 file with a private key, or set DataProtection:AllowUnencryptedKeys=true " +
        "to keep them unencrypted in the database on purpose (anyone who reads the database can then forge a login).";

    /// <summary>A PKCS#12 file with a private key; the keys in the database are encrypted to it.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Outside Development, start without <see cref="CertificatePath"/>: the keys are stored unencrypted.</summary>
    public bool AllowUnencryptedKeys { get; set; }

    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(CertificatePath))]
    public bool HasCertificate => !string.IsNullOrWhiteSpace(CertificatePath);

    internal bool IsAcceptableIn(IHostEnvironment environment) => HasCertificate || AllowUnencryptedKeys || environment.IsDevelopment();
}
