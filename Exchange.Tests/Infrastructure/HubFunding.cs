using System.Net.Http.Json;
using Exchange.Core.Deposits;
using Exchange.Core.HubSync;
using Exchange.Core.Ledger;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Infrastructure;

public static class HubFunding
{
    /// <summary>
    /// A real deposit: a Hub address for the user, the emulator's deposit control, then the balance
    /// check (run here when the app's jobs are held) until the ledger has credited it.
    /// </summary>
    public static async Task DepositThroughHubAsync(this ExchangeAppFactory app, string email, long amount)
    {
        var userId = await app.UserIdAsync(email);
        var ledger = app.Services.GetRequiredService<LedgerService>();
        var before = (await ledger.AccountsOfAsync(userId)).SingleOrDefault()?.Available ?? 0;
        var address = (await app.Services.GetRequiredService<DepositAddressService>().RequestAsync(userId)).Address!.Address;
        using var http = new HttpClient { BaseAddress = app.HubAddress };
        (await http.PostAsJsonAsync("/_emulator/deposit", new { address, amount })).EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await ledger.AccountsOfAsync(userId)).SingleOrDefault()?.Available != before + amount)
        {
            Assert.True(DateTime.UtcNow < deadline, "the test deposit was not credited within 30 s");
            if (!app.Jobs) await app.Services.GetRequiredService<BalanceSync>().RunAsync();
            await Task.Delay(300);
        }
    }
}
