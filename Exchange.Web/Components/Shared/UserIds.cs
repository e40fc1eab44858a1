using System.Security.Claims;

namespace Exchange.Web.Components.Shared;

public static class UserIds
{
    public static string Of(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The signed-in user has no id claim.");
}
