using Exchange.Core.Accounts;
using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Notices;

public enum NoticeChannelKind
{
    InApp,
    Email,
}

/// <summary>Who hears of a batch's notices and how they chose to: read once per batch, in a few queries.</summary>
public sealed class NoticeRecipients(ExchangeDbContext db)
{
    private List<string>? operators;
    private Dictionary<string, string?> emails = [];
    private Dictionary<(string User, string Type), NoticePreference> preferences = [];

    /// <summary>Reads what the batch needs: the operators, and the emails and choices of everyone concerned.</summary>
    public async Task LoadAsync(IReadOnlyList<DispatchedNotice> notices, CancellationToken cancellationToken)
    {
        operators = notices.Any(n => n.Type.Audience == NoticeAudience.Operators)
            ? await db.UserRoles.Where(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Operator)).Select(ur => ur.UserId).Distinct().ToListAsync(cancellationToken)
            : [];
        var users = notices.Where(n => n.Notice.UserId is not null).Select(n => n.Notice.UserId!).Concat(operators).Distinct().ToList();
        emails = (await db.Users.Where(u => users.Contains(u.Id)).Select(u => new { u.Id, u.Email }).ToListAsync(cancellationToken)).ToDictionary(u => u.Id, u => u.Email);
        preferences = (await db.NoticePreferences.AsNoTracking().Where(p => users.Contains(p.UserId)).ToListAsync(cancellationToken)).ToDictionary(p => (p.UserId, p.Type));
    }

    /// <summary>The users a notice goes to: its user, or every operator.</summary>
    public IEnumerable<string> Of(DispatchedNotice notice) =>
        notice.Type.Audience == NoticeAudience.Operators ? operators ?? [] : notice.Notice.UserId is { } user && emails.ContainsKey(user) ? [user] : [];

    public string? EmailOf(string userId) => emails.GetValueOrDefault(userId);

    public bool Wants(string userId, NoticeType type, NoticeChannelKind channel) =>
        NoticePreferences.Effective(type, preferences.GetValueOrDefault((userId, type.Name)), channel);
}
