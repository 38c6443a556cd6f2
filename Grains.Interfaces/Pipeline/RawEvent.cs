namespace Grains.Interfaces.Pipeline;

/// <summary>A validated event on its way through the pipeline; <paramref name="Json"/> is the event as ingested.</summary>
/// <param name="ReceivedAt">When the platform received it: the Kafka message's timestamp on the raw topic.</param>
/// <param name="Source">The raw-topic message that carried it.</param>
/// <param name="Violations">How it breaks its type's schema in a tracking plan of mode <c>flag</c>; null when it does not.</param>
[GenerateSerializer, Immutable, Alias("RawEvent")]
public sealed record RawEvent(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] string UserId,
    [property: Id(2)] string EventType,
    [property: Id(3)] DateTimeOffset Timestamp,
    [property: Id(4)] DateTimeOffset ReceivedAt,
    [property: Id(5)] string Json,
    [property: Id(6)] MessagePosition Source,
    [property: Id(7)] string[]? Violations = null);
