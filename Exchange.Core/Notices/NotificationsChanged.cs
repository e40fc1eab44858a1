using Exchange.Core.Events;

namespace Exchange.Core.Notices;

/// <summary>The user's in-app notifications changed (new ones, or read): the bell counts again.</summary>
public sealed record NotificationsChanged(string User) : ExchangeEvent
{
    public override string? UserId => User;
}
