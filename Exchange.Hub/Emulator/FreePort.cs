using System.Net;
using System.Net.Sockets;

namespace Exchange.Hub.Emulator;

internal static class FreePort
{
    /// <summary>A URL asking for port 0 gets a concrete free port now, so the client can be pointed at it before the emulator starts.</summary>
    public static string Resolve(string url)
    {
        var uri = new Uri(url);
        if (uri.Port != 0) return url;
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new UriBuilder(uri) { Port = port }.Uri.ToString().TrimEnd('/');
    }
}
