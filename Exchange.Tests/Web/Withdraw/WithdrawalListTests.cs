using Bunit;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Components.Pages.Withdraw;

namespace Exchange.Tests.Web.Withdraw;

/// <summary>The user's withdrawal list over the real Core services and database.</summary>
public class WithdrawalListTests : CoreComponentTest
{
    [Theory]
    [MemberData(nameof(WithdrawalTransitionTests.EveryState), MemberType = typeof(WithdrawalTransitionTests))]
    public async Task The_cancel_button_is_offered_exactly_in_the_states_core_accepts_a_users_cancel_in(WithdrawalState state)
    {
        await using (var db = Core.NewContext())
        {
            db.Withdrawals.Add(WithdrawalTransitionTests.InState(state));
            await db.SaveChangesAsync(Token);
        }

        var list = Render<WithdrawalList>(p => p.Add(c => c.UserId, "alice"));

        list.WaitForAssertion(() => list.Find("[data-withdrawal]"));
        Assert.Equal(state.CanBeCancelledByUser(), list.FindAll("button").Any(b => b.TextContent.Trim() == "Cancel withdrawal"));
    }
}
