using Exchange.Core.Deposits;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Tests.Core.Deposits;

/// <summary>A new user's first address asked for many times at once (a double click, two nodes): one Hub account, an address for every request.</summary>
public class FirstAddressRaceTests : HubSyncTest
{
    [Fact]
    public async Task Ten_first_requests_at_once_all_get_an_address_of_one_hub_account()
    {
        var addresses = Exchange.Get<DepositAddressService>();

        var requests = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => addresses.RequestAsync("newcomer", Token), Token)));

        Assert.All(requests, r => Assert.True(r.Succeeded, r.Problem));
        await using var db = Exchange.NewContext();
        var account = await db.HubAccounts.SingleAsync(a => a.UserId == "newcomer", Token);
        Assert.StartsWith("user-", account.HubUserId);
        Assert.Equal(10, await db.DepositAddresses.CountAsync(a => a.UserId == "newcomer", Token));
        Assert.Equal(10, requests.Select(r => r.Address!.Address).Distinct().Count());
    }
}

public sealed class FirstAddressRaceOnPostgreSqlTests : FirstAddressRaceTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
