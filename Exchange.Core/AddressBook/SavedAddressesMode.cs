using Exchange.Core.Accounts;
using Exchange.Core.Data;
using Exchange.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Exchange.Core.AddressBook;

/// <summary>Whether withdrawals go only to saved addresses now, and when that ends if turning it off was asked for.</summary>
public sealed record SavedAddressesState(bool On, DateTime? OffFrom);

/// <summary>
/// "Only to saved addresses": turning it on tightens and takes effect at once; turning it off takes
/// the two-factor code (when two-factor is on) and takes effect only after <c>AddressBook:ActivationDelay</c>,
/// and its notice mails the owner meanwhile. Both are <c>address_book.changed</c> notices.
/// </summary>
public sealed class SavedAddressesMode(IDbContextFactory<ExchangeDbContext> contexts, ITwoFactorVerifier twoFactor, IOptions<AddressBookOptions> options,
    IExchangeEvents events, TimeProvider time)
{
    public async Task<SavedAddressesState> StateAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        return StateOf(await db.SavedAddressesOnly.AsNoTracking().SingleOrDefaultAsync(m => m.UserId == userId, cancellationToken), Now);
    }

    internal static SavedAddressesState StateOf(SavedAddressesOnly? mode, DateTime now) =>
        mode is not null && mode.IsOn(now) ? new SavedAddressesState(true, mode.OffFrom) : new SavedAddressesState(false, null);

    /// <summary>Null when it is on now (also when it was on and going off); else why not.</summary>
    public Task<string?> TurnOnAsync(string userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(userId, (mode, now) =>
        {
            if (mode.IsOn(now) && mode.OffFrom is null) return "Withdrawals already go only to saved addresses.";
            mode.TurnOn(now);
            return null;
        }, cancellationToken);

    /// <summary>Null when it goes off after the activation delay; else why not (two-factor code included).</summary>
    public async Task<AddressBookProblem?> TurnOffAsync(string userId, string? twoFactorCode, CancellationToken cancellationToken = default)
    {
        var state = await StateAsync(userId, cancellationToken);
        if (!state.On || state.OffFrom is not null)
            return new AddressBookProblem(AddressBookField.None, state.On ? $"It goes off already, at {state.OffFrom:yyyy-MM-dd HH:mm} UTC." : "Withdrawals do not go only to saved addresses.");
        if (await twoFactor.IsEnabledAsync(userId, cancellationToken) && await twoFactor.ProblemAsync(userId, twoFactorCode, cancellationToken) is { } codeProblem)
            return new AddressBookProblem(AddressBookField.TwoFactorCode, codeProblem);
        var problem = await ChangeAsync(userId, (mode, now) =>
        {
            if (!mode.IsOn(now) || mode.OffFrom is not null) return "It was changed at the same moment; look again.";
            mode.TurnOff(now + options.Value.ActivationDelay);
            return null;
        }, cancellationToken);
        return problem is null ? null : new AddressBookProblem(AddressBookField.None, problem);
    }

    private async Task<string?> ChangeAsync(string userId, Func<SavedAddressesOnly, DateTime, string?> change, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var mode = await db.SavedAddressesOnly.SingleOrDefaultAsync(m => m.UserId == userId, cancellationToken);
        if (mode is null)
        {
            mode = SavedAddressesOnly.TurnedOff(userId);
            db.SavedAddressesOnly.Add(mode);
        }
        if (change(mode, now) is { } problem)
            return problem;
        AddressBookNotices.AddMode(db, userId, mode, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return "It was changed at the same moment; look again.";
        }
        await transaction.CommitAsync(cancellationToken);
        events.Publish(new AddressBookChanged(userId));
        return null;
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
