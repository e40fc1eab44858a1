using Exchange.Core.Accounts;
using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Notices;

/// <summary>One row of the settings page: a kind, and how the user hears of it.</summary>
public sealed record NoticeChoice(NoticeType Type, bool InApp, bool Email)
{
    /// <summary>Security kinds are always mailed.</summary>
    public bool EmailLocked => Type.Security;
}

/// <summary>Per user and kind: in the app, by email. No row means the kind's defaults.</summary>
public sealed class NoticePreferences(IDbContextFactory<ExchangeDbContext> contexts)
{
    public static bool Effective(NoticeType type, NoticePreference? chosen, NoticeChannelKind channel) => channel switch
    {
        NoticeChannelKind.Email => type.Security || (chosen?.Email ?? type.EmailByDefault),
        _ => chosen?.InApp ?? true,
    };

    /// <summary>The kinds the user can hear of (operator kinds for operators too), with the user's choices.</summary>
    public async Task<IReadOnlyList<NoticeChoice>> ForUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var isOperator = await db.UserRoles.AnyAsync(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Operator), cancellationToken);
        var chosen = await db.NoticePreferences.AsNoTracking().Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Type, cancellationToken);
        return [.. NoticeTypes.All.Where(t => t.Audience == NoticeAudience.User || isOperator)
            .Select(t => new NoticeChoice(t, Effective(t, chosen.GetValueOrDefault(t.Name), NoticeChannelKind.InApp), Effective(t, chosen.GetValueOrDefault(t.Name), NoticeChannelKind.Email)))];
    }

    /// <summary>Stores a choice; a security kind's email stays on whatever is asked.</summary>
    public async Task SaveAsync(string userId, string typeName, bool inApp, bool email, CancellationToken cancellationToken = default)
    {
        var type = NoticeTypes.Find(typeName) ?? throw new ArgumentException($"Unknown notice type '{typeName}'.", nameof(typeName));
        await using var db = contexts.CreateDbContext();
        var row = await db.NoticePreferences.SingleOrDefaultAsync(p => p.UserId == userId && p.Type == type.Name, cancellationToken);
        if (row is null) db.NoticePreferences.Add(row = new NoticePreference { UserId = userId, Type = type.Name });
        row.InApp = inApp;
        row.Email = email || type.Security;
        await db.SaveChangesAsync(cancellationToken);
    }
}
