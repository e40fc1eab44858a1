using Bunit;
using Exchange.Core.Ledger;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Components.Pages.Dashboard;

namespace Exchange.Tests.Web.Dashboard;

/// <summary>The dashboard's open withdrawals over the real Core services and database.</summary>
public class OpenWithdrawalsTests : CoreComponentTest
{
    private HubWithdrawalSteps HubSteps => Core.Get<HubWithdrawalSteps>();
    private UserWithdrawalCommands UserCommands => Core.Get<UserWithdrawalCommands>();

    [Fact]
    public async Task An_open_withdrawal_still_shows_behind_twenty_newer_completed_ones()
    {
        await Core.Get<LedgerService>().ApplyAsync(LedgerChange.Deposit("alice", "MIOTA", 100_000_000, "bundle", "funds"), Token);
        var open = await RequestAsync();
        for (var i = 0; i < 20; i++)
            await PayOutAsync(await RequestAsync());

        var list = Render<OpenWithdrawals>(p => p.Add(c => c.UserId, "alice"));

        list.WaitForAssertion(() => Assert.Equal([$"{open}"], list.FindAll("[data-open-withdrawal]").Select(e => e.GetAttribute("data-open-withdrawal"))));
    }

    private async Task<long> RequestAsync() =>
        (await UserCommands.RequestAsync(new WithdrawalRequest("alice", "MIOTA", "1", TestAddresses.Payout), Token)).Withdrawal!.Id;

    private async Task PayOutAsync(long id)
    {
        await HubSteps.BeginSubmitAsync(id, Token);
        await HubSteps.MarkSubmittedAsync(id, attempt: 1, Guid.NewGuid().ToString(), cancellationToken: Token);
        await HubSteps.MarkSweptAsync(id, new string('B', 81), Token);
        Assert.True((await HubSteps.CompleteAsync(id, Token)).Succeeded);
    }
}
