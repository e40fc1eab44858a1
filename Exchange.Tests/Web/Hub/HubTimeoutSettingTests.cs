using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Exchange.Tests.Web.Hub;

[Integration]
public class HubTimeoutSettingTests
{
    [Theory]
    [InlineData("60", "00:01:00")]
    [InlineData("30", "00:00:10")]
    [InlineData("9", "00:00:10")] // a withdrawal's call must end a margin before another node may judge it
    public async Task The_app_refuses_to_start_when_a_hub_call_may_outlast_the_unknown_outcome_grace(string timeoutSeconds, string grace)
    {
        await using var app = new ExchangeAppFactory
        {
            Settings = new() { ["Hub:TimeoutSeconds"] = timeoutSeconds, ["HubSync:UnknownOutcomeGrace"] = grace },
        };

        var refused = Assert.Throws<OptionsValidationException>(() => app.Server);

        Assert.Contains($"Hub:TimeoutSeconds ({timeoutSeconds}) must be shorter than HubSync:UnknownOutcomeGrace ({grace}) by more than 1 s", refused.Message, StringComparison.Ordinal);
    }
}
