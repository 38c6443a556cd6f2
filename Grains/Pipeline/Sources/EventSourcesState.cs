using Grains.Interfaces.Pipeline.Sources;

namespace Grains.Pipeline.Sources;

[GenerateSerializer, Alias("EventSourcesState")]
public sealed class EventSourcesState
{
    [Id(0)] public List<EventSourceRecord> Sources { get; set; } = [];
}

/// <summary>A source and the hashes of its keys: the current one, and the one it replaced while that is in its grace.</summary>
[GenerateSerializer, Alias("EventSourceRecord")]
public sealed class EventSourceRecord
{
    [Id(0)] public EventSource Source { get; set; } = null!;
    [Id(1)] public string KeyHash { get; set; } = "";
    [Id(2)] public string? PreviousKeyHash { get; set; }
}
