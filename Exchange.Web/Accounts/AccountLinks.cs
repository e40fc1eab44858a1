using System.Text;
using Exchange.Core.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Exchange.Web.Accounts;

/// <summary>What an account link (confirm, reset a password, change the email) is worth now; <see cref="ExpiredAt"/> when it expired.</summary>
public sealed record AccountLinkCheck(LinkState State, DateTime? ExpiredAt = null)
{
    public static readonly AccountLinkCheck Valid = new(LinkState.Valid);
    public static readonly AccountLinkCheck Used = new(LinkState.Used);
    public static readonly AccountLinkCheck Unknown = new(LinkState.Unknown);

    public bool IsValid => State == LinkState.Valid;
}

/// <summary>
/// Reads the tokens Identity's <see cref="DataProtectorTokenProvider{TUser}"/> puts in the account links,
/// so a page can say which of expired, already used or not the exchange's a bad link is (Identity only
/// says "invalid"). The token is Identity's protected payload: its creation time, the user's id, the
/// purpose and the security stamp of that moment. A new password or email renews the stamp, so a link
/// whose stamp is no longer the user's was used (or outdated by such a change).
/// </summary>
public sealed class AccountLinks(IDataProtectionProvider protection, IOptions<DataProtectionTokenProviderOptions> options, TimeProvider time)
{
    private readonly IDataProtector protector = protection.CreateProtector(options.Value.Name);

    /// <summary>The link's state for <paramref name="user"/>; a link of another user or purpose, or altered, is <see cref="LinkState.Unknown"/>.</summary>
    public AccountLinkCheck Check(string? token, ExchangeUser? user, string purpose)
    {
        if (token is null || user is null || Read(token) is not { } payload || payload.UserId != user.Id || payload.Purpose != purpose)
            return AccountLinkCheck.Unknown;
        var expiresAt = payload.CreatedAt + options.Value.TokenLifespan;
        if (expiresAt < time.GetUtcNow())
            return new AccountLinkCheck(LinkState.Expired, expiresAt.UtcDateTime);
        return payload.Stamp == (user.SecurityStamp ?? "") ? AccountLinkCheck.Valid : AccountLinkCheck.Used;
    }

    private sealed record Payload(DateTimeOffset CreatedAt, string UserId, string Purpose, string Stamp);

    private Payload? Read(string token)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(protector.Unprotect(Convert.FromBase64String(token))), new UTF8Encoding(false, true));
            return new Payload(new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero), reader.ReadString(), reader.ReadString(), reader.ReadString());
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException or EndOfStreamException or ArgumentException)
        {
            return null;
        }
    }
}
