namespace Exchange.Web.Security;

public static class ClientAddress
{
    /// <summary>
    /// The client's address as the rate limits see it: the connection's, or the one a known proxy
    /// forwarded. A test server has none, and all its requests share one partition.
    /// </summary>
    public static string Of(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : "unknown";
}
