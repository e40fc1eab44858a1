using Exchange.Core.Accounts;
using Exchange.Core.Email;
using Exchange.Core.Notices;
using Microsoft.Extensions.Options;

namespace Exchange.Core.AccountFreeze;

/// <summary>
/// Every security mail (and the mail of a withdrawal requested) carries a "This wasn't me" link of
/// its own: single-use, stored as a hash with the notice it came with, working for
/// <c>AccountFreeze:LinkLifetime</c>.
/// </summary>
public sealed class FreezeLinks(IOptions<AccountFreezeOptions> options, IOptions<EmailOptions> email) : INoticeMailLinks
{
    public const string Label = "This wasn't me";

    private const string Why = "If you did not do this, press “This wasn't me” below: withdrawals from your account are frozen, every session is signed out "
        + "and every API key revoked until an operator has checked your account.";

    public static bool Carries(NoticeType type) => type == NoticeTypes.WithdrawalRequested || (type.Security && type != NoticeTypes.AccountFrozen);

    public Task<IReadOnlyList<NoticeMailLink>> LinksAsync(NoticeFanOut fanOut, DispatchedNotice notice, CancellationToken cancellationToken)
    {
        if (!Carries(notice.Type) || notice.Notice.UserId is not { } userId)
            return Task.FromResult<IReadOnlyList<NoticeMailLink>>([]);
        var token = LinkTokens.Add(fanOut.Db, LinkPurpose.Freeze, userId, notice.Notice.Id, fanOut.Now, options.Value.LinkLifetime);
        return Task.FromResult<IReadOnlyList<NoticeMailLink>>([new NoticeMailLink(Label, email.Value.PublicLink($"{AccountFreezes.PagePath}?token={token}"), Why)]);
    }
}
