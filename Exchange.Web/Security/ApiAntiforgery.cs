using Exchange.Web.Api;
using Microsoft.AspNetCore.Antiforgery;

namespace Exchange.Web.Security;

/// <summary>
/// Cookie-authenticated API writes need the antiforgery token in a header, so another site cannot
/// make a signed-in browser post to the API (a bodiless POST needs no CORS preflight). A request
/// signed in by API key needs none: a browser never adds that header on its own, and a request that
/// carries a login cookie beside the key is refused before it gets here (<see cref="ApiKeyAuthentication"/>).
/// </summary>
public static class ApiAntiforgery
{
    public const string HeaderName = "X-XSRF-TOKEN";
    public const string TokenPath = "/antiforgery-token";

    public sealed record TokenView(string HeaderName, string Token);

    public static TBuilder RequireAntiforgeryForCookieWrites<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || ApiKeyAuthentication.IsKeyOnly(http.User))
                return await next(context);
            try
            {
                await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return TypedResults.Problem(
                    $"A request signed in by the login cookie needs the antiforgery token in the {HeaderName} header; get one from GET /api/v1{TokenPath}.",
                    statusCode: StatusCodes.Status400BadRequest, title: "Antiforgery token missing or wrong");
            }
            return await next(context);
        });

    /// <summary>A token for the signed-in cookie client (and the antiforgery cookie it pairs with).</summary>
    public static IEndpointRouteBuilder MapAntiforgeryToken(this IEndpointRouteBuilder api)
    {
        api.MapGet(TokenPath, (HttpContext context, IAntiforgery antiforgery) =>
            TypedResults.Ok(new TokenView(HeaderName, antiforgery.GetAndStoreTokens(context).RequestToken!)));
        return api;
    }
}
