using Exchange.Core.Approvals;
using Exchange.Core.Data;
using Exchange.Core.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Exchange.Core.Withdrawals;

/// <summary>
/// Money an operator credited by hand is looked at again before it leaves: for
/// <see cref="OperatorOptions.ManualCreditWithdrawalReview"/> after a manual credit, every withdrawal
/// from the account waits for an operator, whatever its size, and neither the operator who asked for
/// the credit nor the one who approved it may approve the withdrawal.
/// </summary>
public sealed class ManualCreditReview(IDbContextFactory<ExchangeDbContext> contexts, IOptions<OperatorOptions> options, TimeProvider time)
{
    public const string OwnCredit = "You asked for or approved a manual credit to this account lately; another operator must approve its withdrawals.";

    private TimeSpan Review => options.Value.ManualCreditWithdrawalReview;

    /// <summary>Until when (UTC) the user's withdrawals wait for review; null when they do not.</summary>
    public async Task<DateTime?> UntilAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await UntilAsync(db, userId, cancellationToken);
    }

    internal async Task<DateTime?> UntilAsync(ExchangeDbContext db, string userId, CancellationToken cancellationToken)
    {
        var lastCredit = await Credits(db, userId, time.GetUtcNow().UtcDateTime - Review)
            .MaxAsync(r => (DateTime?)(r.State == OperatorRequestState.Approved ? r.DecidedAt!.Value : r.RequestedAt), cancellationToken);
        return lastCredit + Review;
    }

    /// <summary>What the user reads on a withdrawal that waits for review.</summary>
    public static string Waits(DateTime until) =>
        $"An operator credited your account by hand lately, so until {until:yyyy-MM-dd HH:mm} UTC an operator reviews every withdrawal before it is sent.";

    /// <summary>Whether the operator asked for or approved a manual credit to the withdrawal's account in the review before it was requested, or since.</summary>
    internal Task<bool> CreditedByAsync(ExchangeDbContext db, Withdrawal withdrawal, string operatorId, CancellationToken cancellationToken) =>
        Credits(db, withdrawal.UserId, withdrawal.RequestedAt - Review).AnyAsync(r => r.RequestedBy == operatorId || r.DecidedBy == operatorId, cancellationToken);

    // Credits that reached the balance since then: applied at once when asked for, or approved.
    private static IQueryable<OperatorRequest> Credits(ExchangeDbContext db, string userId, DateTime since) =>
        db.OperatorRequests.Where(r => r.Kind == OperatorRequestKind.ManualAdjustment && r.UserId == userId && r.Amount > 0
                                       && ((r.State == OperatorRequestState.Applied && r.RequestedAt >= since)
                                           || (r.State == OperatorRequestState.Approved && r.DecidedAt >= since)));
}
