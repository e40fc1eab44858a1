using System.Security.Cryptography;

namespace Exchange.Web.Security;

/// <summary>
/// Headers on every response (pages, Identity pages, API, static files, error pages): the browser
/// runs only the exchange's own scripts, never frames it, never sniffs types, and leaks no paths
/// to other sites.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Blazor Server runs from its own files with no eval; the one inline script, the import map,
    /// carries the response's nonce (<see cref="NonceOf"/>). MudBlazor positions and
    /// colours components with style attributes, hence style-src 'unsafe-inline' (styles cannot run
    /// code). img-src allows data: for the server-rendered authenticator QR code; connect-src 'self'
    /// covers the same-origin WebSocket of the Blazor circuit (ws: and wss: match 'self').
    /// </summary>
    public static string ContentSecurityPolicy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public const string ReferrerPolicy = "strict-origin-when-cross-origin";

    private static readonly object NonceKey = new();

    /// <summary>The nonce this response's CSP allows inline scripts with.</summary>
    public static string NonceOf(HttpContext context) => (string)context.Items[NonceKey]!;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            // Set when the response starts, so error pages that clear the response still carry them.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
                headers.XFrameOptions = "DENY";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = ReferrerPolicy;
                return Task.CompletedTask;
            });
            return next(context);
        });
}
