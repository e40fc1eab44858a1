using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Exchange.Core.Webhooks;

/// <summary>
/// Where deliveries may go, checked at registration and again when each connection is made (a name
/// may resolve elsewhere by then): https to public addresses only. Loopback, private, link-local,
/// carrier-grade NAT, multicast, unspecified and reserved ranges are refused, IPv4 inside IPv6
/// included, and so are <c>localhost</c> names; <see cref="WebhookOptions.AllowPrivateTargets"/> lifts
/// all of it (and allows plain http) for Development and tests.
/// </summary>
public sealed class WebhookTargets(IOptions<WebhookOptions> options)
{
    private static readonly IPNetwork[] NotPublic =
    [
        .. new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24",
            "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "::/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001:db8::/32", "2002::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
        }.Select(IPNetwork.Parse),
    ];

    public bool AllowPrivate => options.Value.AllowPrivateTargets;

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return !NotPublic.Any(n => n.BaseAddress.AddressFamily == address.AddressFamily && n.Contains(address));
    }

    /// <summary>Why the URL cannot receive webhooks, judged by its text alone; null when it may.</summary>
    public string? UrlProblem(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
            return "Give the endpoint's URL, e.g. https://example.com/webhooks.";
        if (url.Length > WebhookEndpoint.UrlLength)
            return $"A URL can be at most {WebhookEndpoint.UrlLength} characters.";
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.Scheme is not ("https" or "http"))
            return $"'{url.Trim()}' is not an absolute https URL, e.g. https://example.com/webhooks.";
        if (uri.Scheme != "https" && !AllowPrivate)
            return "Webhooks go only to https URLs: the events tell of your money, and plain http would show them to anyone on the way.";
        if (uri.UserInfo.Length > 0)
            return "Leave the user name and password out of the URL; the signature proves each delivery instead.";
        if (uri.Fragment.Length > 0)
            return "A URL with a # part cannot be called; leave the fragment out.";
        if (AllowPrivate) return null;
        var host = uri.IdnHost.TrimEnd('.');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            return $"{uri.Host} is this server itself; webhooks go only to public addresses.";
        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var literal) && !IsPublic(literal))
            return $"{literal} is a private, loopback or reserved address; webhooks go only to public addresses.";
        return null;
    }

    /// <summary>Why the URL cannot receive webhooks, its name resolved now; null when it may.</summary>
    public async Task<string?> ProblemAsync(string? url, CancellationToken cancellationToken = default)
    {
        if (UrlProblem(url) is { } problem) return problem;
        if (AllowPrivate) return null;
        var host = new Uri(url!.Trim()).IdnHost;
        try
        {
            return AddressProblem(host, await ResolveAsync(host, cancellationToken));
        }
        catch (SocketException)
        {
            return $"The name {host} does not resolve to any address; check the URL.";
        }
    }

    /// <summary>
    /// Connects a delivery: resolves the host, refuses unless every address it resolves to is public
    /// (so a name cannot mix a public address with a private one), and connects to a checked address
    /// itself, so the address used is the address checked.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = await ResolveAsync(host, cancellationToken);
        if (!AllowPrivate && AddressProblem(host, addresses) is { } problem)
            throw new WebhookTargetRefusedException(problem);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);

    private static string? AddressProblem(string host, IPAddress[] addresses) =>
        addresses.Length == 0 ? $"The name {host} does not resolve to any address; check the URL."
        : addresses.FirstOrDefault(a => !IsPublic(a)) is { } inner ? $"{host} resolves to {inner}, a private, loopback or reserved address; webhooks go only to public addresses."
        : null;
}

/// <summary>A delivery refused before connecting: its host resolved to an address webhooks may not reach.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);
