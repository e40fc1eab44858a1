using Exchange.Core.Accounts;
using Exchange.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Web.Accounts;

/// <summary>
/// Identity's user store with two additions. Security changes: Identity renews the security stamp
/// when the password, the authenticator, two-factor or the email changes, and every such change
/// revokes the user's API keys, so a key minted by whoever held the old credentials stops working,
/// and starts the hold on withdrawals (<c>WithdrawalSecurity:HoldAfterSecurityChange</c>).
/// Two-factor secrets: the authenticator key and the recovery codes are written encrypted
/// (<see cref="TwoFactorSecrets"/>); Identity's own methods for them all go through these tokens.
/// </summary>
public sealed class ExchangeUserStore(ExchangeDbContext context, ApiKeys keys, TimeProvider time, TwoFactorSecrets secrets, IdentityErrorDescriber? describer = null)
    : UserStore<ExchangeUser, IdentityRole, ExchangeDbContext>(context, describer)
{
    public override async Task SetSecurityStampAsync(ExchangeUser user, string stamp, CancellationToken cancellationToken = default)
    {
        // A user being created gets their first stamps (Identity sets one, then another with the password): nothing changed yet.
        var changed = Context.Entry(user).State is not EntityState.Detached and not EntityState.Added && user.SecurityStamp != stamp;
        await base.SetSecurityStampAsync(user, stamp, cancellationToken);
        if (!changed)
            return;
        user.SecurityChangedAt = time.GetUtcNow().UtcDateTime;
        await keys.RevokeAllAsync(user.Id, ApiKeys.SecurityChangeReason, cancellationToken);
    }

    public override Task SetTokenAsync(ExchangeUser user, string loginProvider, string name, string? value, CancellationToken cancellationToken) =>
        base.SetTokenAsync(user, loginProvider, name, TwoFactorSecrets.IsSecret(loginProvider, name) ? secrets.Protect(value) : value, cancellationToken);

    public override async Task<string?> GetTokenAsync(ExchangeUser user, string loginProvider, string name, CancellationToken cancellationToken)
    {
        var stored = await base.GetTokenAsync(user, loginProvider, name, cancellationToken);
        return TwoFactorSecrets.IsSecret(loginProvider, name) ? secrets.Unprotect(user.Id, stored) : stored;
    }
}
