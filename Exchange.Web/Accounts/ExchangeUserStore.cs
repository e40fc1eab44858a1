using Exchange.Core.Accounts;
using Exchange.Core.Data;
using Exchange.Core.Notices;
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
        AddSecurityNotice(user, user.SecurityChangedAt.Value);
        await keys.RevokeAllAsync(user.Id, ApiKeys.SecurityChangeReason, cancellationToken);
    }

    public override async Task SetTokenAsync(ExchangeUser user, string loginProvider, string name, string? value, CancellationToken cancellationToken)
    {
        // A first key (setting up an authenticator) is no change to tell of; replacing one is.
        if (name == AuthenticatorKeyName && loginProvider == AuthenticatorProvider && await base.GetTokenAsync(user, loginProvider, name, cancellationToken) is not null)
            authenticatorReplaced = true;
        await base.SetTokenAsync(user, loginProvider, name, TwoFactorSecrets.IsSecret(loginProvider, name) ? secrets.Protect(value) : value, cancellationToken);
    }

    private const string AuthenticatorProvider = "[AspNetUserStore]";
    private const string AuthenticatorKeyName = "AuthenticatorKey";
    private bool authenticatorReplaced;

    // Saved with the change itself: Identity's update of the user is one SaveChanges.
    private void AddSecurityNotice(ExchangeUser user, DateTime at)
    {
        var entry = Context.Entry(user);
        if (entry.Property(u => u.PasswordHash).IsModified)
            NoticeLog.Add(Context, NoticeTypes.PasswordChanged, user.Id, new NoticeData(), at);
        if (entry.Property(u => u.Email).IsModified)
            NoticeLog.Add(Context, NoticeTypes.EmailChanged, user.Id, new NoticeData().With("previousEmail", entry.Property(u => u.Email).OriginalValue).With("email", user.Email), at);
        if (entry.Property(u => u.TwoFactorEnabled).IsModified)
            NoticeLog.Add(Context, NoticeTypes.TwoFactorChanged, user.Id, new NoticeData().With("change", user.TwoFactorEnabled ? "turned on" : "turned off"), at);
        else if (authenticatorReplaced)
            NoticeLog.Add(Context, NoticeTypes.TwoFactorChanged, user.Id, new NoticeData().With("change", "reset to a new authenticator"), at);
        authenticatorReplaced = false;
    }

    public override async Task<string?> GetTokenAsync(ExchangeUser user, string loginProvider, string name, CancellationToken cancellationToken)
    {
        var stored = await base.GetTokenAsync(user, loginProvider, name, cancellationToken);
        return TwoFactorSecrets.IsSecret(loginProvider, name) ? secrets.Unprotect(user.Id, stored) : stored;
    }
}
