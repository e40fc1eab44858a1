using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Exchange.Tests.Web.Operator;

/// <summary>Operator settings that would switch a control off stop the app at start, naming the setting.</summary>
[Integration]
public sealed class OperatorSettingsTests
{
    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-1.00:00:00")]
    public async Task A_manual_credit_review_of_no_time_cannot_switch_the_review_off_it_stops_the_start(string value)
    {
        await using var app = new ExchangeAppFactory { Settings = new() { ["Operator:ManualCreditWithdrawalReview"] = value } };

        var error = Assert.Throws<OptionsValidationException>(() => app.Services);

        Assert.Contains("Operator:ManualCreditWithdrawalReview must be positive.", error.Failures);
    }
}
