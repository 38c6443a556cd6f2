using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Grains.Interfaces.Pipeline;

namespace Api.PipelineConsole;

/// <summary>
/// An event as the live tail shows it: read from the raw topic, so exactly what entered the pipeline, duplicates and
/// events that will be dead-lettered included. <see cref="Message"/> is the message's text: JSON when
/// <see cref="IsJson"/>, otherwise cut to <see cref="MaxText"/> (and then the parts read from it are null).
/// </summary>
public sealed record TailedEvent(
    string? EventId, string? EventType, string? UserId, string? Source, DateTimeOffset ReceivedAt, int Partition, long Offset,
    string Message, bool IsJson)
{
    public const int MaxText = 2048;

    public static TailedEvent Of(ConsumeResult<string?, byte[]> record)
    {
        var source = record.Message.Headers?.TryGetLastBytes(PipelineTopics.SourceNameHeader, out var name) == true
            ? Encoding.UTF8.GetString(name)
            : null;
        var value = record.Message.Value ?? [];
        var received = record.Message.Timestamp.UtcDateTime;
        try
        {
            using var document = JsonDocument.Parse(value);
            var root = document.RootElement;
            return new TailedEvent(Text(root, "event_id"), Text(root, "event_type"), Text(root, "user_id"), source, received,
                record.Partition.Value, record.Offset.Value, Encoding.UTF8.GetString(value), IsJson: true);
        }
        catch (JsonException)
        {
            var text = Encoding.UTF8.GetString(value);
            return new TailedEvent(null, null, null, source, received, record.Partition.Value, record.Offset.Value,
                text.Length > MaxText ? text[..MaxText] : text, IsJson: false);
        }
    }

    /// <summary>As the console's <c>events</c> message has it: the parts, and the message itself under <c>event</c> (JSON) or <c>text</c>.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("event_id", EventId);
        writer.WriteString("event_type", EventType);
        writer.WriteString("user_id", UserId);
        writer.WriteString("source", Source);
        writer.WriteString("received_at", ReceivedAt);
        writer.WriteNumber("partition", Partition);
        writer.WriteNumber("offset", Offset);
        if (IsJson)
        {
            writer.WritePropertyName("event");
            // Parsed once already when read from Kafka.
            writer.WriteRawValue(Message, skipInputValidation: true);
        }
        else
        {
            writer.WriteString("text", Message);
        }
        writer.WriteEndObject();
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
