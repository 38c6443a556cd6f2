using System.Net.Sockets;

namespace Platform.Tests.Infrastructure;

public static class FreePort
{
    /// <summary>A loopback port nothing listens on right now; the OS hands out each one once before cycling.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
