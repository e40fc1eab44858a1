using Exchange.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Exchange.Web.Accounts.TwoFactor;

public static class TwoFactorIdentityBuilderExtensions
{
    /// <summary>Single-use authenticator codes for sign-in and Identity's pages, and Core's <see cref="ITwoFactorVerifier"/> over them.</summary>
    public static IdentityBuilder AddSingleUseAuthenticator(this IdentityBuilder identity)
    {
        identity.AddTokenProvider<SingleUseAuthenticatorTokenProvider>(SingleUseAuthenticatorTokenProvider.Name);
        identity.Services.Configure<IdentityOptions>(o => o.Tokens.AuthenticatorTokenProvider = SingleUseAuthenticatorTokenProvider.Name);
        identity.Services.AddSingleton<ITwoFactorVerifier, IdentityTwoFactorVerifier>();
        return identity;
    }
}
