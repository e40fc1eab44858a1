using System.Security.Cryptography;
using System.Text;

namespace Exchange.Core.Accounts;

/// <summary>A personal key for the JSON API. Only its SHA-256 is stored; the key itself is shown once.</summary>
public sealed class ApiKey
{
    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string Name { get; private set; } = "";

    /// <summary>The first characters, so a user can tell keys apart.</summary>
    public string Prefix { get; private set; } = "";

    public string Hash { get; private set; } = "";

    /// <summary>The key's <see cref="ApiKeyScopes"/>, separated by spaces.</summary>
    public string Scopes { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    /// <summary>From this moment the key signs no one in; null, it lasts until revoked.</summary>
    public DateTime? ExpiresAt { get; private set; }

    public DateTime? RevokedAt { get; private set; }

    /// <summary>Why the key was revoked, when it was not its owner's own choice.</summary>
    public string? RevokedReason { get; private set; }

    public IReadOnlyList<string> ScopeList => ApiKeyScopes.Parse(Scopes);

    public bool IsLive(DateTime now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    private ApiKey() { }

    public static (ApiKey Key, string Secret) Create(string userId, string name, IEnumerable<string> scopes, DateTime now, DateTime? expiresAt = null)
    {
        var secret = "exk_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var key = new ApiKey
        {
            UserId = userId, Name = name, Prefix = secret[..10], Hash = HashOf(secret), Scopes = string.Join(' ', scopes),
            CreatedAt = now, ExpiresAt = expiresAt,
        };
        return (key, secret);
    }

    public static string HashOf(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public void Revoke(DateTime now, string? reason = null)
    {
        if (RevokedAt is not null) return;
        RevokedAt = now;
        RevokedReason = reason;
    }
}
