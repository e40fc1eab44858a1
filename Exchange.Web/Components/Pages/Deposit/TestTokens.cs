using Exchange.Core.Deposits;
using Exchange.Hub.Emulator;
using Microsoft.Extensions.Options;

namespace Exchange.Web.Components.Pages.Deposit;

/// <summary>
/// The embedded demo's faucet (the IOTA Devnet faucet of the original guide): a confirmed Tangle
/// transfer to the user's newest address, through the emulator's deposit control. Only there when
/// the exchange hosts the emulator.
/// </summary>
public sealed class TestTokens(IServiceProvider services, DepositAddressService addresses, IHttpClientFactory http)
{
    private IOptions<HubEmulatorOptions>? Emulator => services.GetService<IOptions<HubEmulatorOptions>>();

    public bool IsAvailable => Emulator is not null;

    public async Task<string?> SendAsync(string userId, long iotas, CancellationToken cancellationToken = default)
    {
        if (Emulator is not { } emulator) return "Test tokens exist only in the embedded demo.";
        var (address, _) = await addresses.LatestAsync(userId, cancellationToken);
        if (address is null) return "Request a deposit address first.";

        using var client = http.CreateClient();
        using var response = await client.PostAsJsonAsync(new Uri(new Uri(emulator.Value.Url), "/_emulator/deposit"),
            new { address = address.Address, amount = iotas }, cancellationToken);
        return response.IsSuccessStatusCode ? null : $"The test tokens were not sent: {await response.Content.ReadAsStringAsync(cancellationToken)}";
    }
}
