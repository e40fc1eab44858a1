using Exchange.Core.HubSync;
using Exchange.Hub;
using Exchange.Hub.Client;
using Microsoft.Extensions.Options;

namespace Exchange.Core.Proofs;

/// <summary>
/// Hub's <c>GetStats</c> total and the hot wallet's Hub balance, as a snapshot records them beside
/// the ledger. Both null, with <see cref="Problem"/>, when Hub did not answer: a snapshot of the
/// liabilities proves as much without them, so it is taken anyway and says the reserves are unknown.
/// </summary>
internal sealed record HubReserves(long? HubTotal, long? HotWallet, string? Problem);

internal sealed class HubReservesReader(IHubClient hub, IOptions<HubSyncOptions> options)
{
    public async Task<HubReserves> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var total = await hub.GetStatsAsync(cancellationToken);
            long hotWallet;
            try
            {
                hotWallet = await hub.GetBalanceAsync(options.Value.HotWalletUserId, cancellationToken);
            }
            catch (HubCommandException e) when (e.Error == HubError.UserDoesNotExist)
            {
                hotWallet = 0;
            }
            return new HubReserves(total, hotWallet, null);
        }
        catch (Exception e) when (e is HubTransportException or HubCommandException)
        {
            return new HubReserves(null, null, $"IOTA Hub did not answer: {e.Message}");
        }
    }
}
