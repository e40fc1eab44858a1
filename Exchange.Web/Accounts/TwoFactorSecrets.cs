using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Exchange.Web.Accounts;

/// <summary>
/// The two secrets Identity keeps in <c>AspNetUserTokens</c>: the authenticator key (from which
/// every code is computed) and the recovery codes. They are stored encrypted with the Data
/// Protection key ring, which lives in the database too and is shared by every node; with
/// <c>DataProtection:CertificatePath</c> set the ring itself is encrypted to that certificate, so a
/// copy of the database alone yields neither secret. An encrypted value starts with
/// <see cref="Marker"/>: neither a base32 key nor a recovery code contains a colon, so a row
/// written before encryption is told apart and read as it is until it is upgraded.
/// </summary>
public sealed class TwoFactorSecrets(IDataProtectionProvider dataProtection)
{
    /// <summary>The login provider Identity's user store files its own tokens under.</summary>
    public const string StoreProvider = "[AspNetUserStore]";

    public const string AuthenticatorKey = "AuthenticatorKey";
    public const string RecoveryCodes = "RecoveryCodes";

    public const string Marker = "dp1:";

    private readonly IDataProtector protector = dataProtection.CreateProtector("Exchange.Accounts.TwoFactorSecrets.v1");

    public static IReadOnlyList<string> Names { get; } = [AuthenticatorKey, RecoveryCodes];

    public static bool IsSecret(string loginProvider, string name) => loginProvider == StoreProvider && Names.Contains(name);

    public static bool IsProtected(string? stored) => stored?.StartsWith(Marker, StringComparison.Ordinal) == true;

    /// <summary>The value as stored; an empty value (every recovery code used) stays empty.</summary>
    public string? Protect(string? value) => string.IsNullOrEmpty(value) ? value : Marker + protector.Protect(value);

    public string? Unprotect(string userId, string? stored)
    {
        if (!IsProtected(stored))
            return stored;
        try
        {
            return protector.Unprotect(stored![Marker.Length..]);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                $"The two-factor secrets of user {userId} cannot be decrypted: the Data Protection key they were encrypted with is not in the key ring " +
                "(a database restored without its DataProtectionKeys, or a different DataProtection:CertificatePath).", e);
        }
    }
}
