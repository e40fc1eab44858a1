using Exchange.Core.Accounts;
using Exchange.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Web.Accounts;

/// <summary>
/// Identity's user store with a hook on security changes: Identity renews the security stamp when
/// the password, the authenticator, two-factor or the email changes, and every such change revokes
/// the user's API keys, so a key minted by whoever held the old credentials stops working, and
/// starts the hold on withdrawals (<c>WithdrawalSecurity:HoldAfterSecurityChange</c>).
/// </summary>
public sealed class SecurityStampStore(ExchangeDbContext context, ApiKeys keys, TimeProvider time, IdentityErrorDescriber? describer = null)
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
}
