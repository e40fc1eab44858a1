using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Exchange.Core.Webhooks;

/// <summary>
/// Endpoint secrets in the spec's form, <c>whsec_</c> and the base64 of 32 random bytes, kept in
/// the database encrypted with the Data Protection key ring (shared by every node, like the
/// authenticator keys): a copy of the database alone signs nothing. The signature of a delivery is
/// <c>v1,</c> and the base64 HMAC-SHA256 of <c>id.timestamp.body</c>, keyed with the decoded secret.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider dataProtection)
{
    public const string Prefix = "whsec_";
    private const int SecretBytes = 32;

    private readonly IDataProtector protector = dataProtection.CreateProtector("Exchange.Webhooks.EndpointSecrets.v1");

    /// <summary>A new secret, as the owner sees it once, and as it is stored.</summary>
    public (string Secret, string Protected) Create()
    {
        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes));
        return (secret, protector.Protect(secret));
    }

    public string Unprotect(string stored)
    {
        try
        {
            return protector.Unprotect(stored);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                "A webhook endpoint's secret cannot be decrypted: the Data Protection key it was encrypted with is not in the key ring " +
                "(a database restored without its DataProtectionKeys, or a different DataProtection:CertificatePath). Rotate the endpoint's secret.", e);
        }
    }

    /// <summary>The <c>webhook-signature</c> header: one <c>v1,</c> signature per secret, space-separated.</summary>
    public static string SignatureHeader(IEnumerable<string> secrets, string messageId, long timestamp, string body) =>
        string.Join(' ', secrets.Select(s => "v1," + Sign(s, messageId, timestamp, body)));

    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);
        return Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}")));
    }
}
