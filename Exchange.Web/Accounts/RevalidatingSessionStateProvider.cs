using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace Exchange.Web.Accounts;

/// <summary>
/// An open page keeps the sign-in it started with for as long as its circuit lives, and never sees
/// the cookie again: every <c>Security:RevalidateInterval</c> this checks the sign-in against the
/// database (<see cref="SessionValidity"/>), and ends it when it no longer stands. The page then
/// shows what a signed-out visitor sees, so a tab opened with a stolen cookie does not outlive a
/// password change.
/// </summary>
public sealed class RevalidatingSessionStateProvider(ILoggerFactory loggers, IServiceScopeFactory scopes, IOptions<RevalidationOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => options.Value.RevalidateInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        // The circuit's own scope outlives many checks; each check reads the database afresh.
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SessionValidity>().HoldsAsync(authenticationState.User);
    }
}
