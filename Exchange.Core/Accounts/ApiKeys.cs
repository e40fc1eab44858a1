using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Exchange.Core.Accounts;

public sealed class ApiKeys(IDbContextFactory<ExchangeDbContext> contexts, TimeProvider time)
{
    /// <summary>A new key; the returned secret is the only time it is ever visible.</summary>
    public async Task<(ApiKey Key, string Secret)> CreateAsync(string userId, string name, CancellationToken cancellationToken = default)
    {
        if (NameProblem(name) is { } problem)
            throw new ArgumentException(problem, nameof(name));
        await using var db = contexts.CreateDbContext();
        var created = ApiKey.Create(userId, name.Trim(), time.GetUtcNow().UtcDateTime);
        db.ApiKeys.Add(created.Key);
        await db.SaveChangesAsync(cancellationToken);
        return created;
    }

    /// <summary>Why a key cannot have this name, or null when it can.</summary>
    public static string? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "Give the key a name, so you know later what uses it."
        : name.Trim().Length > Limits.ApiKeyName ? $"A key name can be at most {Limits.ApiKeyName} characters."
        : null;

    public async Task<IReadOnlyList<ApiKey>> OfAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.ApiKeys.AsNoTracking().Where(k => k.UserId == userId).OrderByDescending(k => k.Id).ToListAsync(cancellationToken);
    }

    public async Task RevokeAsync(string userId, long id, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id && k.UserId == userId, cancellationToken);
        key?.Revoke(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The user a live key belongs to, or null.</summary>
    public async Task<string?> UserOfAsync(string secret, CancellationToken cancellationToken = default)
    {
        var hash = ApiKey.HashOf(secret);
        await using var db = contexts.CreateDbContext();
        return await db.ApiKeys.Where(k => k.Hash == hash && k.RevokedAt == null).Select(k => k.UserId).SingleOrDefaultAsync(cancellationToken);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.Property(k => k.UserId).HasMaxLength(450);
        key.Property(k => k.Name).HasMaxLength(Limits.ApiKeyName);
        key.Property(k => k.Prefix).HasMaxLength(16);
        key.Property(k => k.Hash).HasMaxLength(64);
        key.HasIndex(k => k.Hash).IsUnique();
        key.HasIndex(k => k.UserId);
    }
}
