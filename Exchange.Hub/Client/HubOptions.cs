using System.ComponentModel.DataAnnotations;

namespace Exchange.Hub.Client;

/// <summary>Configuration section <c>Hub</c>: where the IOTA Hub is and how to talk to it.</summary>
public sealed class HubOptions : IValidatableObject
{
    public const string Section = "Hub";

    /// <summary>Hub's RESTful API, e.g. http://127.0.0.1:8888. Unset in the embedded demo: the built-in emulator is used.</summary>
    public string? Url { get; set; }

    [Range(1, 300, ErrorMessage = "Hub:TimeoutSeconds must be between 1 and 300.")]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>How many times a read is tried again after a transport failure. Writes are never retried.</summary>
    [Range(0, 10, ErrorMessage = "Hub:ReadRetries must be between 0 and 10.")]
    public int ReadRetries { get; set; } = 2;

    /// <summary>A PKCS#12 client certificate, for a Hub run with --authMode=ssl behind mutual TLS.</summary>
    public string? ClientCertificatePath { get; set; }

    public string? ClientCertificatePassword { get; set; }

    /// <summary>
    /// The database remembers the Hub it was used with; true lets it start against a different one
    /// once (balances credited through one Hub are not in the other, so a switch is never silent).
    /// </summary>
    public bool SwitchIntended { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Url))
            yield return new ValidationResult(
                "Hub:Url is not set. Point it at your IOTA Hub, or set HubEmulator:Enabled=true to host the built-in emulator (test money only; in Development it is hosted whenever Hub:Url is unset).",
                [nameof(Url)]);
        else if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            yield return new ValidationResult($"Hub:Url must be an absolute http or https URL; it is '{Url}'.", [nameof(Url)]);
        if (ClientCertificatePath is { } path && !File.Exists(path))
            yield return new ValidationResult($"Hub:ClientCertificatePath '{path}' does not exist.", [nameof(ClientCertificatePath)]);
    }
}
