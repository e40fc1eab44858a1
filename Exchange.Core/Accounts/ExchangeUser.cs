using Microsoft.AspNetCore.Identity;

namespace Exchange.Core.Accounts;

/// <summary>A person with a login at the exchange.</summary>
public sealed class ExchangeUser : IdentityUser
{
}
