namespace Exchange.Core.Webhooks;

/// <summary>Configuration section <c>Webhooks</c>: where deliveries may go and how they are paced.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Lets endpoints be plain http and on loopback or private addresses (Development and tests, where the
    /// receiver runs on the same machine). Off, only https to public addresses is registered or connected to.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>How long one delivery may take, connecting and reading the answer included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Deliveries a node sends at once; one endpoint takes at most one of them at a time.</summary>
    public int MaxParallelSends { get; set; } = 8;

    /// <summary>How long a node's claim on a message lasts; a message claimed by a node that died is sent again after it.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a run that is waiting on slow receivers looks for other messages that came due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long the previous secret keeps signing after a rotation.</summary>
    public TimeSpan RotationGrace { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Failing this long, a message is given up, and an endpoint is disabled and its owner told.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Endpoints one user may have (and the operators together).</summary>
    public int MaxEndpointsPerOwner { get; set; } = 10;

    /// <summary>How often the webhooks job looks for messages to send.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);
}
