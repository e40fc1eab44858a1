using Exchange.Core.Accounts;
using Exchange.Web.Api;
using Microsoft.AspNetCore.Authorization;

namespace Exchange.Web.Security;

/// <summary>
/// A request an API key signed in needs the scope on the key, whatever else signed it in; a login
/// cookie alone is not limited by scopes.
/// </summary>
public sealed record ScopeRequirement(string Scope) : IAuthorizationRequirement;

public sealed class ScopeHandler : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (ApiKeyAuthentication.KeyIdentities(context.User).All(key => key.HasClaim(ApiKeyAuthentication.ScopeClaim, requirement.Scope)))
            context.Succeed(requirement);
        else
            context.Fail(new AuthorizationFailureReason(this, $"This API key lacks the '{requirement.Scope}' scope; create a key with it to call this endpoint."));
        return Task.CompletedTask;
    }
}

public static class ScopePolicies
{
    public static string For(string scope) => "Scope:" + scope;

    public static AuthorizationBuilder AddScopePolicies(this AuthorizationBuilder builder)
    {
        foreach (var scope in ApiKeyScopes.All)
            builder.AddPolicy(For(scope), p => p.AddRequirements(new ScopeRequirement(scope)));
        return builder;
    }
}
