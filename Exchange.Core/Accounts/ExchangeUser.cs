using Microsoft.AspNetCore.Identity;

namespace Exchange.Core.Accounts;

/// <summary>A person with a login at the exchange.</summary>
public sealed class ExchangeUser : IdentityUser
{
    /// <summary>Set by an operator: the user cannot request withdrawals until it is cleared.</summary>
    public string? WithdrawalsLockedReason { get; set; }

    public bool WithdrawalsLocked => WithdrawalsLockedReason is not null;

    /// <summary>The time step (Unix seconds / 30) of the last authenticator code accepted: a code is good once.</summary>
    public long? LastTwoFactorTimeStep { get; set; }
}
