using Exchange.Core.Audit;
using Exchange.Core.Data;
using Exchange.Core.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Exchange.Core.Accounts;

/// <summary>A key to create: its scopes, and optionally the last day it works (UTC).</summary>
public sealed record ApiKeyRequest(string UserId, string? Name, IReadOnlyCollection<string> Scopes, DateOnly? ExpiresOn = null, string? TwoFactorCode = null);

/// <summary>The created key and its secret (visible only now), or why none was created.</summary>
public sealed record ApiKeyCreation(ApiKey? Key, string? Secret, string? Problem)
{
    public bool Succeeded => Problem is null;
}

/// <summary>Who a live key signs in, and what it may do.</summary>
public sealed record ApiKeyHolder(string UserId, IReadOnlyList<string> Scopes);

public sealed class ApiKeys(IDbContextFactory<ExchangeDbContext> contexts, TimeProvider time, AuditLog audit, ITwoFactorVerifier twoFactor, OperatorStepUp stepUp)
{
    public const string SecurityChangeReason = "The account's password, authenticator or sign-in settings changed.";

    /// <summary>A new key; the returned secret is the only time it is ever visible.</summary>
    public async Task<ApiKeyCreation> CreateAsync(ApiKeyRequest request, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = contexts.CreateDbContext();
        if (await ProblemAsync(db, request, now, cancellationToken) is { } problem)
            return new ApiKeyCreation(null, null, problem);
        var scopes = ApiKeyScopes.All.Where(request.Scopes.Contains);
        var expiresAt = request.ExpiresOn?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var (key, secret) = ApiKey.Create(request.UserId, request.Name!.Trim(), scopes, now, expiresAt);
        db.ApiKeys.Add(key);
        NoticeLog.Add(db, NoticeTypes.ApiKeyCreated, request.UserId, new NoticeData().With("name", key.Name).With("scopes", string.Join(", ", key.ScopeList)), now);
        await db.SaveChangesAsync(cancellationToken);
        // A key that can withdraw is a new way to move money: it starts the same hold as a new password.
        if (key.ScopeList.Contains(ApiKeyScopes.Withdraw))
            await db.Users.Where(u => u.Id == request.UserId).ExecuteUpdateAsync(u => u.SetProperty(x => x.SecurityChangedAt, now), cancellationToken);
        return new ApiKeyCreation(key, secret, null);
    }

    /// <summary>Why a key cannot have this name, or null when it can.</summary>
    public static string? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "Give the key a name, so you know later what uses it."
        : name.Trim().Length > Limits.ApiKeyName ? $"A key name can be at most {Limits.ApiKeyName} characters."
        : null;

    private async Task<string?> ProblemAsync(ExchangeDbContext db, ApiKeyRequest request, DateTime now, CancellationToken cancellationToken)
    {
        if (NameProblem(request.Name) is { } badName)
            return badName;
        if (request.Scopes.Count == 0)
            return "Choose at least one scope: " + string.Join(", ", ApiKeyScopes.All) + ".";
        if (request.Scopes.FirstOrDefault(s => !ApiKeyScopes.All.Contains(s)) is { } unknown)
            return $"Unknown scope '{unknown}'. Scopes: {string.Join(", ", ApiKeyScopes.All)}.";
        if (request.ExpiresOn is { } last && last < DateOnly.FromDateTime(now))
            return "The expiry date is in the past; choose today or a later day.";
        if (request.Scopes.Any(ApiKeyScopes.IsOperatorScope) && !await IsOperatorAsync(db, request.UserId, cancellationToken))
            return "Only operators can create keys with operator scopes.";
        if (!request.Scopes.Any(ApiKeyScopes.NeedsTwoFactor))
            return null;
        if (!await twoFactor.IsEnabledAsync(request.UserId, cancellationToken))
            return "A key that can withdraw or act as an operator needs two-factor authentication: turn it on first.";
        return await twoFactor.ProblemAsync(request.UserId, request.TwoFactorCode, cancellationToken);
    }

    private static Task<bool> IsOperatorAsync(ExchangeDbContext db, string userId, CancellationToken cancellationToken) =>
        db.UserRoles.AnyAsync(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Operator), cancellationToken);

    public async Task<IReadOnlyList<ApiKey>> OfAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.ApiKeys.AsNoTracking().Where(k => k.UserId == userId).OrderByDescending(k => k.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The owner revokes one of their keys: it only takes power away, so it needs no two-factor code.</summary>
    public async Task RevokeAsync(string userId, long id, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id && k.UserId == userId, cancellationToken);
        key?.Revoke(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// An operator revokes a user's key, with the operator's current two-factor code like every
    /// operator write (it cuts off a user's program); audited in the same transaction.
    /// </summary>
    public async Task<OperatorResult> RevokeForOperatorAsync(OperatorCredentials by, string userId, long id, CancellationToken cancellationToken = default)
    {
        if (await stepUp.ProblemAsync(by, cancellationToken) is { } problem)
            return OperatorResult.StepUpRefused(problem);
        await using var db = contexts.CreateDbContext();
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id && k.UserId == userId, cancellationToken);
        if (key is null)
            return OperatorResult.Refused($"The user has no API key {id}.");
        if (key.RevokedAt is not null)
            return OperatorResult.Refused($"The key '{key.Name}' was already revoked.");
        key.Revoke(time.GetUtcNow().UtcDateTime, "Revoked by an operator.");
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        await audit.AddAsync(db, new OperatorAction(by.OperatorId, "API key revoked", $"user {email ?? userId}",
            Before: $"key {key.Prefix}… '{key.Name}' ({key.Scopes})", After: "revoked"), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return OperatorResult.Done($"The key '{key.Name}' is revoked.");
    }

    /// <summary>Revokes every live key of the user, e.g. after their password or authenticator changed.</summary>
    public async Task<int> RevokeAllAsync(string userId, string reason, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var now = time.GetUtcNow().UtcDateTime;
        var live = await db.ApiKeys.Where(k => k.UserId == userId && k.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var key in live) key.Revoke(now, reason);
        await db.SaveChangesAsync(cancellationToken);
        return live.Count;
    }

    /// <summary>The user a live (not revoked, not expired) key belongs to and its scopes, or null.</summary>
    public async Task<ApiKeyHolder?> HolderOfAsync(string secret, CancellationToken cancellationToken = default)
    {
        var hash = ApiKey.HashOf(secret);
        await using var db = contexts.CreateDbContext();
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Hash == hash, cancellationToken);
        return key is not null && key.IsLive(time.GetUtcNow().UtcDateTime) ? new ApiKeyHolder(key.UserId, key.ScopeList) : null;
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
        key.Property(k => k.Scopes).HasMaxLength(100);
        key.Property(k => k.RevokedReason).HasMaxLength(200);
        key.Ignore(k => k.ScopeList);
        key.HasIndex(k => k.Hash).IsUnique();
        key.HasIndex(k => k.UserId);
    }
}
