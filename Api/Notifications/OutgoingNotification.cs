using System.Buffers;
using System.Text;
using System.Text.Json;
using Grains.Interfaces.Notifications;

namespace Api.Notifications;

/// <summary>
/// A notification on its way to this node's connections, as JSON made once and shared: every connection sends it with
/// its own <c>id</c> (<see cref="NotificationCursor"/>) in front of the same bytes.
/// </summary>
internal sealed class OutgoingNotification
{
    public const string ResetType = "reset";

    // The JSON object without its opening brace: "type":…,"data":…}
    private readonly byte[] _rest;
    private volatile Framed? _lastFramed;

    private OutgoingNotification(Notification? notification, byte[] rest) => (Notification, _rest) = (notification, rest);

    /// <summary>Null for a <c>reset</c>, which belongs to no feed.</summary>
    public Notification? Notification { get; }

    public static OutgoingNotification From(Notification notification) => new(notification, Rest(writer =>
    {
        writer.WriteString("type", notification.Type);
        writer.WriteString("resource_id", notification.ResourceId);
        writer.WriteString("actor_id", notification.ActorId);
        writer.WriteString("at", notification.At);
        writer.WritePropertyName("data");
        writer.WriteRawValue(notification.Data, skipInputValidation: true);
    }));

    /// <summary>What a connection gets when it cannot be resumed from the id it gave: what it missed is no longer kept.</summary>
    public static OutgoingNotification Reset(DateTimeOffset at) => new(null, Rest(writer =>
    {
        writer.WriteString("type", ResetType);
        writer.WriteNull("resource_id");
        writer.WriteNull("actor_id");
        writer.WriteString("at", at);
        writer.WriteNull("data");
    }));

    /// <summary>
    /// The whole JSON text with <paramref name="id"/> first. The last one made is kept: anonymous connections all have
    /// the same id, so a thousand of them cost one copy.
    /// </summary>
    public byte[] Frame(string id)
    {
        if (_lastFramed is { } last && last.Id == id)
            return last.Bytes;
        var prefix = Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\",");
        var frame = new byte[prefix.Length + _rest.Length];
        prefix.CopyTo(frame, 0);
        _rest.CopyTo(frame, prefix.Length);
        _lastFramed = new Framed(id, frame);
        return frame;
    }

    private static byte[] Rest(Action<Utf8JsonWriter> writeProperties)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan[1..].ToArray();
    }

    private sealed record Framed(string Id, byte[] Bytes);
}
