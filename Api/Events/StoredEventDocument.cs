using System.Text.Json;

namespace Api.Events;

/// <summary>
/// The body of <c>GET /api/events/{event_id}</c>, for the OpenAPI document: the event as ingested plus what
/// enrichment added. The endpoint answers the stored document itself, byte for byte.
/// </summary>
public sealed record StoredEventDocument(
    Guid EventId,
    string UserId,
    string EventType,
    DateTimeOffset Timestamp,
    JsonElement Data,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ProcessedAt,
    StoredEventUser? User,
    long Sequence);
