namespace Exchange.Core.Accounts;

public static class WithdrawalLocks
{
    /// <summary>The ids of users whose withdrawals an operator has locked, as a query to use inside another.</summary>
    public static IQueryable<string> LockedUserIds(this IQueryable<ExchangeUser> users) =>
        users.Where(u => u.WithdrawalsLockedReason != null).Select(u => u.Id);
}
