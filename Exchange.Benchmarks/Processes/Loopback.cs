using System.Net;
using System.Net.Sockets;

namespace Exchange.Benchmarks.Processes;

public static class Loopback
{
    /// <summary>A loopback port nothing listens on now, for a child to be told to listen on.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
