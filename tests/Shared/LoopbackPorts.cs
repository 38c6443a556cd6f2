// Linked into both test projects (Platform.Tests and Benchmarks), so its namespace is its own, not its folder's.
#pragma warning disable IDE0130
namespace Platform.Testing;
#pragma warning restore IDE0130

/// <summary>
/// Loopback ports for servers the tests and benchmarks start. They come from below Linux's ephemeral range (32768 on
/// by default), which the kernel never gives the source of an outgoing connection: a port from port 0 is in that range,
/// and a client socket on loopback (wrk's, Kafka's, Orleans') could take it before the server meant for it binds it.
/// </summary>
internal static class LoopbackPorts
{
    private const int First = 20_000, End = 32_768;
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A port nothing listens on right now, never handed out before by this process.</summary>
    public static int Next()
    {
        while (true)
        {
            var port = Random.Shared.Next(First, End);
            lock (HandedOut)
            {
                if (!HandedOut.Add(port)) continue;
            }

            try
            {
                using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (System.Net.Sockets.SocketException)
            {
            }
        }
    }
}
