using Exchange.Core.Withdrawals;
using Exchange.Hub.Client;
using Microsoft.Extensions.Options;

namespace Exchange.Core.HubSync;

/// <summary>
/// A Hub call must end (answer or time out) before its outcome is judged unknown: otherwise a slow
/// call may still land after the exchange has settled it from Hub's history. A withdrawal's call
/// must also start a margin before that (<see cref="SubmitAttempt"/>), which needs room in the grace period.
/// </summary>
internal sealed class HubTimeoutFitsGrace(IOptions<HubOptions> hub) : IValidateOptions<HubSyncOptions>
{
    public ValidateOptionsResult Validate(string? name, HubSyncOptions options)
    {
        var timeout = TimeSpan.FromSeconds(hub.Value.TimeoutSeconds);
        var margin = SubmitAttempt.ClockMargin;
        return timeout + margin < options.UnknownOutcomeGrace
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Hub:TimeoutSeconds ({hub.Value.TimeoutSeconds}) must be shorter than HubSync:UnknownOutcomeGrace ({options.UnknownOutcomeGrace:c}) "
                + $"by more than {margin.TotalSeconds:0} s: a Hub call still running must not be settled as unknown, "
                + "and a withdrawal's call must end that much before another node may judge it.");
    }
}
