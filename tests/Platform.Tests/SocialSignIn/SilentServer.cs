using System.Net.Sockets;

namespace Platform.Tests.SocialSignIn;

/// <summary>A loopback port that accepts connections and never answers: a provider that hangs.</summary>
public sealed class SilentServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _accepted = [];
    private readonly CancellationTokenSource _stop = new();

    public SilentServer()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_accepted) _accepted.Add(client);
            }
        }
        catch (OperationCanceledException) { /* stopped */ }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_accepted) _accepted.ForEach(c => c.Dispose());
        _stop.Dispose();
    }
}
