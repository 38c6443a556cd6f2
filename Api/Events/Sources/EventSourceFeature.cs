using Api.Http;
using Grains.Interfaces.Pipeline.Sources;
using Grains.Pipeline;

namespace Api.Events.Sources;

/// <summary>
/// What an ingestion request said about its source: whether it presented a write key, and the source that key belongs
/// to (null for a key that does not work). Set before rate limiting, which partitions by source.
/// </summary>
internal sealed class EventSourceFeature(bool presented, EventSource? source, PipelineCounters counters) : IRateLimitRejectionCounter
{
    public bool Presented => presented;

    public EventSource? Source => source;

    public void CountRejection()
    {
        if (source is not null) counters.SourceLimited(source.Name);
    }
}
