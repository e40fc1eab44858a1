using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Accounts;

public sealed record UserCounts(int Users, int Operators);

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
}
