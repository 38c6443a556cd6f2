using System.Text.Json;
using Grains.Interfaces.Notifications;

namespace Api.Notifications;

/// <summary>A notification on its way to this node's connections, turned into a WebSocket frame at most once.</summary>
internal sealed class OutgoingNotification(Notification notification, JsonSerializerOptions json)
{
    private byte[]? _frame;

    public Notification Notification { get; } = notification;

    /// <summary>
    /// The JSON text frame, made by the first plain WebSocket that sends it and shared by all the others: a
    /// thousand subscribers cost one serialization, not a thousand (two connections racing just make it twice).
    /// </summary>
    public byte[] Frame => _frame ??= JsonSerializer.SerializeToUtf8Bytes(Notification, json);
}
