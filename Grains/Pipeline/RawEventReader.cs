using System.Text.Json;
using Grains.Interfaces.Pipeline;
using Grains.Interfaces.Pipeline.Tracking;
using Grains.Pipeline.Tracking;
using Grains.Streaming.Kafka;

namespace Grains.Pipeline;

/// <summary>
/// Reads a raw-topic message into a <see cref="RawEvent"/>, or says in words why it cannot: not JSON, not a valid event,
/// under another key, or breaking its type's schema in the tracking plan (mode <c>reject</c>; mode <c>flag</c> keeps it
/// with its violations).
/// </summary>
public static class RawEventReader
{
    public static bool TryRead(KafkaRecord record, TrackingPlan plan, out RawEvent rawEvent, out string reason)
    {
        rawEvent = null!;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(record.Value);
        }
        catch (JsonException exception)
        {
            reason = $"The value is not JSON: {exception.Message}";
            return false;
        }

        // Everything the event keeps is read out before the document's pooled buffers go back.
        using (document)
            return TryRead(record, document.RootElement, plan, out rawEvent, out reason);
    }

    private static bool TryRead(KafkaRecord record, JsonElement root, TrackingPlan plan, out RawEvent rawEvent, out string reason)
    {
        rawEvent = null!;
        var errors = EventValidator.Validate(root);
        if (errors.Count > 0)
        {
            reason = "The event is invalid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
            return false;
        }

        var userId = root.GetProperty("user_id").GetString()!;
        if (userId != record.Key)
        {
            // Deduplication is per key: an event under another key would escape its user's seen-set.
            reason = $"The message key '{record.Key}' is not the event's user_id '{userId}'.";
            return false;
        }

        var eventType = root.GetProperty("event_type").GetString()!;
        var violation = plan.Check(eventType, root.GetProperty("data"));
        if (violation is { Mode: TrackingMode.Reject })
        {
            reason = $"The event breaks the tracking plan of '{eventType}': {string.Join("; ", violation.Violations)}";
            return false;
        }

        rawEvent = new RawEvent(
            root.GetProperty("event_id").GetGuid(),
            userId,
            eventType,
            EventValidator.WithText(root.GetProperty("timestamp"), static text => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture)),
            record.Timestamp,
            root.GetRawText(),
            new MessagePosition(record.Partition, record.Offset),
            violation?.Violations);
        reason = "";
        return true;
    }
}
