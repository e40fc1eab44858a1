using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Exchange.Core.Accounts;

/// <summary>What a mailed link does when it is used.</summary>
public enum LinkPurpose
{
    /// <summary>Confirms a new entry of the withdrawal address book (<see cref="LinkToken.SubjectId"/>).</summary>
    ConfirmAddress,

    /// <summary>"This wasn't me": freezes the account.</summary>
    Freeze,
}

/// <summary>
/// A single-use link mailed to a user. The token exists only in the mail; the database keeps its
/// SHA-256, so whoever reads the table cannot use a link. It works once, before it expires.
/// </summary>
public sealed class LinkToken
{
    public const int HashLength = 64;

    /// <summary>32 random bytes, base64url: 43 characters.</summary>
    public const int TokenLength = 43;

    public long Id { get; private set; }
    public LinkPurpose Purpose { get; private set; }
    public string UserId { get; private set; } = "";

    /// <summary>What the link acts on besides the user (an address-book entry's id), if anything.</summary>
    public long? SubjectId { get; private set; }

    public string Hash { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? UsedAt { get; private set; }

    private LinkToken() { }

    /// <summary>A new link's row and the token its mail carries (never stored).</summary>
    public static (LinkToken Row, string Token) Issue(LinkPurpose purpose, string userId, long? subjectId, DateTime now, TimeSpan lifetime)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (new LinkToken { Purpose = purpose, UserId = userId, SubjectId = subjectId, Hash = HashOf(token), CreatedAt = now, ExpiresAt = now + lifetime }, token);
    }

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    /// <summary>Whether <paramref name="token"/> could be one this class issued: a link cut short or altered is not looked up.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: TokenLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

internal sealed class LinkTokenConfiguration : IEntityTypeConfiguration<LinkToken>
{
    public void Configure(EntityTypeBuilder<LinkToken> token)
    {
        token.ToTable("LinkTokens");
        token.Property(t => t.Purpose).HasConversion<string>().HasMaxLength(32);
        token.Property(t => t.UserId).HasMaxLength(Limits.UserId);
        token.Property(t => t.Hash).HasMaxLength(LinkToken.HashLength);
        token.HasIndex(t => t.Hash).IsUnique();
    }
}
