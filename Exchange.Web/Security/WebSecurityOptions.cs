using System.ComponentModel.DataAnnotations;

namespace Exchange.Web.Security;

public sealed class WebSecurityOptions
{
    public const string Section = "Security";

    /// <summary>The largest request body the JSON API reads; larger ones get 413.</summary>
    [Range(1024, 10 * 1024 * 1024)]
    public long MaxApiBodyBytes { get; set; } = 64 * 1024;
}

/// <summary>Where the Data Protection key ring is encrypted at rest (optional: without it the keys lie in the database as they are).</summary>
public sealed class DataProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PKCS#12 file with a private key; the keys in the database are encrypted to it.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}
