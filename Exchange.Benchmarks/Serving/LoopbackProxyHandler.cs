using System.Net;

namespace Exchange.Benchmarks.Serving;

/// <summary>
/// An HTTP client's side of the TLS-terminating proxy a deployed exchange sits behind, for a
/// client of <see cref="ExchangeServer"/> on loopback: each request says it came over https (the
/// server trusts loopback as its proxy), and the Secure cookies the server sets go back with the
/// next requests, as a browser on https sends them. Redirects are not followed.
/// </summary>
internal sealed class LoopbackProxyHandler() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
{
    public const string ForwardedProto = "X-Forwarded-Proto";

    private readonly CookieContainer cookies = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var asSent = new UriBuilder(request.RequestUri!) { Scheme = Uri.UriSchemeHttps, Port = request.RequestUri!.Port }.Uri;
        request.Headers.Add(ForwardedProto, Uri.UriSchemeHttps);
        if (cookies.GetCookieHeader(asSent) is { Length: > 0 } cookie) request.Headers.Add("Cookie", cookie);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
            foreach (var header in set) cookies.SetCookies(asSent, header);
        return response;
    }
}
