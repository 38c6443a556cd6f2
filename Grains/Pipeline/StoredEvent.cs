using Grains.Interfaces.Pipeline;

namespace Grains.Pipeline;

/// <summary>One enriched event as the analytics store keeps it; <paramref name="Document"/> is the whole enriched document, as UTF-8 JSON.</summary>
public sealed record StoredEvent(
    Guid EventId,
    string UserId,
    string EventType,
    DateTimeOffset Timestamp,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ProcessedAt,
    long Sequence,
    byte[] Document,
    MessagePosition Source);
