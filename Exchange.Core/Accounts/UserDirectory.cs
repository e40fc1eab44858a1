using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Accounts;

public sealed record UserCounts(int Users, int Operators);

public sealed record UserSummary(string Id, string Email, string? WithdrawalsLockedReason)
{
    public bool WithdrawalsLocked => WithdrawalsLockedReason is not null;
}

public sealed class UserDirectory(IDbContextFactory<ExchangeDbContext> contexts)
{
    public async Task<UserCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var users = await db.Users.CountAsync(cancellationToken);
        var operators = await (
            from userRole in db.UserRoles
            join role in db.Roles on userRole.RoleId equals role.Id
            where role.Name == Roles.Operator
            select userRole.UserId).CountAsync(cancellationToken);
        return new UserCounts(users, operators);
    }

    /// <summary>Users whose email contains <paramref name="text"/> (or whose id is it), by email.</summary>
    public async Task<IReadOnlyList<UserSummary>> SearchAsync(string? text, int count = 50, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var needle = text.Trim();
            query = query.Where(u => u.Id == needle || u.Email!.Contains(needle));
        }
        return await query.OrderBy(u => u.Email).Take(count)
            .Select(u => new UserSummary(u.Id, u.Email ?? u.UserName ?? u.Id, u.WithdrawalsLockedReason)).ToListAsync(cancellationToken);
    }

    public async Task<UserSummary?> FindAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new UserSummary(u.Id, u.Email ?? u.UserName ?? u.Id, u.WithdrawalsLockedReason)).SingleOrDefaultAsync(cancellationToken);
    }
}
