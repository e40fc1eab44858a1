using Exchange.Hub.Client;
using Microsoft.Extensions.Options;

namespace Exchange.Core.HubSync;

/// <summary>
/// A Hub call must end (answer or time out) before its outcome is judged unknown: otherwise a slow
/// call may still land after the exchange has settled it from Hub's history.
/// </summary>
internal sealed class HubTimeoutFitsGrace(IOptions<HubOptions> hub) : IValidateOptions<HubSyncOptions>
{
    public ValidateOptionsResult Validate(string? name, HubSyncOptions options)
    {
        var timeout = TimeSpan.FromSeconds(hub.Value.TimeoutSeconds);
        return timeout < options.UnknownOutcomeGrace
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Hub:TimeoutSeconds ({hub.Value.TimeoutSeconds}) must be shorter than HubSync:UnknownOutcomeGrace ({options.UnknownOutcomeGrace:c}): "
                + "a Hub call still running must not be settled as unknown.");
    }
}
