using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Platform.Tests.Notifications;

/// <summary>Real clients of the two notification endpoints, each collecting what it receives.</summary>
public static class NotificationClients
{
    public static async Task<(HubConnection Connection, ChannelReader<JsonElement> Received)> ConnectHubAsync(
        Uri server, string? accessToken = null, HttpTransportType transport = HttpTransportType.WebSockets)
    {
        var received = Channel.CreateUnbounded<JsonElement>();
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server, "/hubs/notifications"), o =>
            {
                o.Transports = transport;
                if (accessToken is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
            })
            .Build();
        connection.On<JsonElement>("notification", n => received.Writer.TryWrite(n));
        await connection.StartAsync();
        return (connection, received.Reader);
    }

    /// <param name="since">The id to resume after, if any.</param>
    public static async Task<ClientWebSocket> ConnectSocketAsync(Uri server, string? accessToken = null, string? since = null)
    {
        var socket = new ClientWebSocket();
        string[] query = [.. Parameter("access_token", accessToken), .. Parameter("since", since)];
        await socket.ConnectAsync(new Uri($"ws://{server.Authority}/ws/notifications/{(query.Length > 0 ? "?" : "")}{string.Join('&', query)}"), CancellationToken.None);
        return socket;
    }

    private static IEnumerable<string> Parameter(string name, string? value) => value is null ? [] : [$"{name}={Uri.EscapeDataString(value)}"];

    /// <summary>The next whole text frame, parsed; null when the server closed.</summary>
    public static async Task<JsonElement?> ReceiveAsync(this ClientWebSocket socket, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return JsonDocument.Parse(Encoding.UTF8.GetString(message.ToArray())).RootElement;
        }
    }

    public static async Task<JsonElement> ReadAsync(this ChannelReader<JsonElement> received, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return await received.ReadAsync(cts.Token);
    }
}
