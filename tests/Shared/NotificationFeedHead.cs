using System.Net.WebSockets;
using System.Text.Json;

// Linked into both test projects (Platform.Tests and Benchmarks), so its namespace is its own, not its folder's.
#pragma warning disable IDE0130
namespace Platform.Testing;
#pragma warning restore IDE0130

/// <summary>
/// The public feed's newest notification id, as any client can learn it: an id from the future is answered with a
/// <c>reset</c> that carries the connection's id, which is the head.
/// </summary>
internal static class NotificationFeedHead
{
    /// <param name="notifications">The plain WebSocket endpoint, <c>ws://host:port/ws/notifications/</c>.</param>
    public static async Task<string> ReadAsync(Uri notifications, TimeSpan timeout)
    {
        using var socket = new ClientWebSocket();
        using var deadline = new CancellationTokenSource(timeout);
        await socket.ConnectAsync(new Uri($"{notifications}?since={long.MaxValue / 10}"), deadline.Token);
        var buffer = new byte[4096];
        var result = await socket.ReceiveAsync(buffer, deadline.Token);
        using var reset = JsonDocument.Parse(buffer.AsMemory(0, result.Count));
        return reset.RootElement.GetProperty("id").GetString()!;
    }
}
