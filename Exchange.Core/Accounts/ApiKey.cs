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
    public DateTime CreatedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }

    private ApiKey() { }

    public static (ApiKey Key, string Secret) Create(string userId, string name, DateTime now)
    {
        var secret = "exk_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        return (new ApiKey { UserId = userId, Name = name, Prefix = secret[..10], Hash = HashOf(secret), CreatedAt = now }, secret);
    }

    public static string HashOf(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public void Revoke(DateTime now) => RevokedAt ??= now;
}
