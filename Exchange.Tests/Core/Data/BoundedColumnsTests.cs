using Exchange.Core.Data;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Tests.Core.Data;

/// <summary>
/// SQL Server enforces column lengths that SQLite ignores: every text column is bounded (and input
/// is checked against that bound before it is stored), unless it is unbounded on purpose, listed here with why.
/// </summary>
[Fast]
public class BoundedColumnsTests
{
    // nvarchar(max) on purpose: written by Identity itself (hashes, stamps, tokens, claims), never longer than Identity makes them.
    private static readonly HashSet<string> UnboundedOnPurpose =
    [
        "ExchangeUser.PasswordHash", "ExchangeUser.SecurityStamp", "ExchangeUser.ConcurrencyStamp", "ExchangeUser.PhoneNumber",
        "IdentityRole.ConcurrencyStamp", "IdentityRoleClaim<string>.ClaimType", "IdentityRoleClaim<string>.ClaimValue",
        "IdentityUserClaim<string>.ClaimType", "IdentityUserClaim<string>.ClaimValue",
        "IdentityUserLogin<string>.ProviderDisplayName", "IdentityUserToken<string>.Value",
        // Data Protection's key ring, written by ASP.NET Core itself: an XML element per key.
        "DataProtectionKey.FriendlyName", "DataProtectionKey.Xml",
        // A hot-wallet batch's transfers as sent to Hub: grows with the users in it, written by the exchange, never typed.
        "HotWalletBatch.TransfersJson",
        // A proof-of-liabilities manifest exactly as signed: grows with the coins, written by the exchange, never typed.
        "ProofSnapshot.Manifest",
        // A mail's text and HTML, made from the exchange's templates: short, but no one length fits every template.
        "OutboundEmail.HtmlBody", "OutboundEmail.TextBody",
        // A webhook message's JSON body exactly as signed and sent: made by the exchange from a notice, never typed.
        "WebhookMessage.Payload",
    ];

    private static SqlServerExchangeDbContext SqlServer() =>
        new(new DbContextOptionsBuilder<SqlServerExchangeDbContext>().UseSqlServer("Server=unused;Database=Exchange;TrustServerCertificate=True").Options);

    private static IEnumerable<(string Name, Microsoft.EntityFrameworkCore.Metadata.IProperty Property)> TextColumns(DbContext db) =>
        db.Model.GetEntityTypes()
            .SelectMany(t => t.GetProperties().Where(p => p.ClrType == typeof(string) || p.GetProviderClrType() == typeof(string))
                .Select(p => ($"{t.DisplayName()}.{p.Name}", p)));

    // What SQL Server makes of it: a configured length, or the 450 it gives keys and indexed columns; null for nvarchar(max).
    private static int? Length(Microsoft.EntityFrameworkCore.Metadata.IProperty property) => property.GetRelationalTypeMapping().Size is > 0 and var size ? size : null;

    [Fact]
    public void Every_text_column_is_bounded_or_unbounded_on_purpose()
    {
        using var db = SqlServer();

        var unbounded = TextColumns(db).Where(c => Length(c.Property) is null).Select(c => c.Name).Order().ToList();

        Assert.True(UnboundedOnPurpose.Order().SequenceEqual(unbounded), $"Unbounded now: {string.Join(", ", unbounded)}");
    }

    [Fact]
    public void Every_indexed_text_column_fits_a_sql_server_index_key()
    {
        using var db = SqlServer();

        var tooWide = db.Model.GetEntityTypes().SelectMany(t => t.GetIndexes()).SelectMany(i => i.Properties)
            .Where(p => p.ClrType == typeof(string) && Length(p) is not (> 0 and <= 450))
            .Select(p => $"{p.DeclaringType.DisplayName()}.{p.Name}").Distinct().ToList();

        Assert.Empty(tooWide);
    }

    [Fact]
    public void An_email_fits_every_column_it_is_written_to()
    {
        using var db = SqlServer();
        var user = db.Model.FindEntityType(typeof(Exchange.Core.Accounts.ExchangeUser))!;
        var audit = db.Model.FindEntityType(typeof(Exchange.Core.Audit.AuditEntry))!;

        Assert.Equal(Exchange.Core.Limits.Email, user.FindProperty(nameof(Exchange.Core.Accounts.ExchangeUser.Email))!.GetMaxLength());
        Assert.Equal(Exchange.Core.Limits.Email, audit.FindProperty(nameof(Exchange.Core.Audit.AuditEntry.OperatorEmail))!.GetMaxLength());
        Assert.True(audit.FindProperty(nameof(Exchange.Core.Audit.AuditEntry.Subject))!.GetMaxLength() >= "user ".Length + Exchange.Core.Limits.Email);
    }
}
