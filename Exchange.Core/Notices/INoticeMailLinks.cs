namespace Exchange.Core.Notices;

/// <summary>A link a notice's mail carries besides "Open the exchange", with the sentence that explains it.</summary>
public sealed record NoticeMailLink(string Label, string Url, string? Why = null);

/// <summary>
/// Adds links to the mails of some notices (confirm a new withdrawal address, "This wasn't me").
/// Asked once per mail inside the fan-out's transaction, so a single-use link it issues is stored
/// with the mail that carries it, or not at all.
/// </summary>
public interface INoticeMailLinks
{
    Task<IReadOnlyList<NoticeMailLink>> LinksAsync(NoticeFanOut fanOut, DispatchedNotice notice, CancellationToken cancellationToken);
}
