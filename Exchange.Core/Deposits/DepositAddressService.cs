using Exchange.Core.Coins;
using Exchange.Core.Data;
using Exchange.Core.Events;
using Exchange.Core.HubSync;
using Exchange.Hub;
using Exchange.Hub.Client;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Core.Deposits;

public sealed record AddressRequest(DepositAddress? Address, string? Problem)
{
    public bool Succeeded => Address is not null;
}

/// <summary>Issues IOTA deposit addresses: the user's Hub account is created on first use, every address is new.</summary>
public sealed class DepositAddressService(IDbContextFactory<ExchangeDbContext> contexts, IHubClient hub, IExchangeEvents events, TimeProvider time)
{
    public async Task<AddressRequest> RequestAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var account = await HubAccounts.EnsureAsync(db, userId, Now, cancellationToken);
        string address;
        try
        {
            await hub.CreateUserAsync(account.HubUserId, cancellationToken);
            address = await hub.GetDepositAddressAsync(account.HubUserId, cancellationToken);
        }
        catch (HubTransportException)
        {
            return new AddressRequest(null, "IOTA Hub is not reachable right now, so no address was issued. Please try again in a moment.");
        }
        catch (HubCommandException e)
        {
            return new AddressRequest(null, $"IOTA Hub refused to issue an address ({e.Error.Text()}). Please try again later.");
        }

        var issued = DepositAddress.Issue(userId, CoinSymbols.Iota, address, Now);
        db.DepositAddresses.Add(issued);
        await db.SaveChangesAsync(cancellationToken);
        events.Publish(new DepositAddressIssued(userId, issued.Id));
        return new AddressRequest(issued, null);
    }

    /// <summary>The user's newest IOTA address and the deposits made to it.</summary>
    public async Task<(DepositAddress? Address, IReadOnlyList<Deposit> Deposits)> LatestAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        var address = await db.DepositAddresses.AsNoTracking().Where(a => a.UserId == userId && a.Coin == CoinSymbols.Iota)
            .OrderByDescending(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        if (address is null) return (null, []);
        var deposits = await db.Deposits.AsNoTracking().Where(d => d.DepositAddressId == address.Id).OrderBy(d => d.Id).ToListAsync(cancellationToken);
        return (address, deposits);
    }

    /// <summary>The user's deposits that Hub has not credited yet.</summary>
    public async Task<IReadOnlyList<Deposit>> IncomingAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Deposits.AsNoTracking().Where(d => d.UserId == userId && d.State == DepositState.Incoming).OrderBy(d => d.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The user's addresses, newest first.</summary>
    public async Task<IReadOnlyList<DepositAddress>> AddressesOfAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.DepositAddresses.AsNoTracking().Where(a => a.UserId == userId).OrderByDescending(a => a.Id).ToListAsync(cancellationToken);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
