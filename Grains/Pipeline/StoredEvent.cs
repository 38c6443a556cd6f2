using Grains.Interfaces.Pipeline;

namespace Grains.Pipeline;

/// <summary>One enriched event as the analytics store keeps it; <paramref name="Json"/> is the whole enriched document.</summary>
public sealed record StoredEvent(
    Guid EventId,
    string UserId,
    string EventType,
    DateTimeOffset Timestamp,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ProcessedAt,
    long Sequence,
    string Json,
    MessagePosition Source);
