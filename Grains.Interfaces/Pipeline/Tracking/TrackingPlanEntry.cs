namespace Grains.Interfaces.Pipeline.Tracking;

/// <summary>What an event that breaks its type's schema gets: refused (dead-lettered from Kafka), or kept and marked.</summary>
[GenerateSerializer, Alias("TrackingMode")]
public enum TrackingMode
{
    Reject,
    Flag,
}

/// <summary>One event type's part of the tracking plan: a JSON Schema (2020-12) for the event's <c>data</c>.</summary>
/// <param name="Schema">The schema as JSON text.</param>
[GenerateSerializer, Immutable, Alias("TrackingPlanEntry")]
public sealed record TrackingPlanEntry(
    [property: Id(0)] string EventType,
    [property: Id(1)] string Schema,
    [property: Id(2)] TrackingMode Mode,
    [property: Id(3)] DateTimeOffset UpdatedAt);

/// <summary>The whole plan; <paramref name="Version"/> grows with every change, so a node can tell whether its copy is current.</summary>
[GenerateSerializer, Immutable, Alias("TrackingPlanVersion")]
public sealed record TrackingPlanVersion([property: Id(0)] long Version, [property: Id(1)] TrackingPlanEntry[] Entries);
