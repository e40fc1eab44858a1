using Exchange.Core.Deposits;
using Exchange.Hub.Emulator;

namespace Exchange.Web.Components.Pages.Deposit;

/// <summary>
/// The embedded demo's faucet (the IOTA Devnet faucet of the original guide): a confirmed Tangle
/// transfer to the user's newest address, through the emulator's deposit control. Only there when
/// the exchange hosts the emulator itself, never with a real Hub.
/// </summary>
public sealed class TestTokens(DepositAddressService addresses, IHttpClientFactory http, EmbeddedHubEmulator? emulator = null)
{
    public bool IsAvailable => emulator is not null;

    public async Task<string?> SendAsync(string userId, long iotas, CancellationToken cancellationToken = default)
    {
        if (emulator is null) return "Test tokens exist only in the embedded demo.";
        var (address, _) = await addresses.LatestAsync(userId, cancellationToken);
        if (address is null) return "Request a deposit address first.";

        using var client = http.CreateClient();
        using var response = await client.PostAsJsonAsync(new Uri(emulator.Url, "/_emulator/deposit"),
            new { address = address.Address, amount = iotas }, cancellationToken);
        return response.IsSuccessStatusCode ? null : $"The test tokens were not sent: {await response.Content.ReadAsStringAsync(cancellationToken)}";
    }
}
