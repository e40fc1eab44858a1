using Bunit;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Components.Pages.Operator.Withdrawals;

namespace Exchange.Tests.Web.Operator;

/// <summary>The Unknown queue over the real Core services, with no IOTA Hub listening at the configured address.</summary>
public class UnknownQueueTests : CoreComponentTest
{
    [Fact]
    public async Task With_hub_unreachable_the_queue_lists_the_unknown_withdrawal_says_hub_could_not_be_asked_and_offers_no_resolve()
    {
        await using (var db = Core.NewContext())
        {
            db.Withdrawals.Add(WithdrawalTransitionTests.InState(WithdrawalState.Unknown));
            await db.SaveChangesAsync(Token);
        }

        var queue = Render<UnknownQueue>(p => p.Add(q => q.OperatorId, "ops"));

        queue.WaitForAssertion(() => Assert.StartsWith("IOTA Hub could not be asked about these withdrawals:",
            queue.Find("[data-field='unknown-problem']").TextContent.Trim()), TimeSpan.FromSeconds(30));
        Assert.Single(queue.FindAll("[data-unknown]"));
        Assert.Equal("Not checked yet.", queue.Find("[data-field='finding']").TextContent.Trim());
        Assert.True(queue.Find("[data-unknown] button").HasAttribute("disabled"));
    }
}
