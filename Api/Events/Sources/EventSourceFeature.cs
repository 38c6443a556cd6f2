using Api.Http;
using Grains.Interfaces.Pipeline.Sources;
using Grains.Pipeline;

namespace Api.Events.Sources;

/// <summary>
/// The write key an ingestion request presented: the source it belongs to, or null for a key that does not work.
/// Absent from a request without a key. Set before rate limiting, which partitions by source.
/// </summary>
internal sealed class EventSourceFeature(EventSource? source, PipelineCounters counters) : IRateLimitRejectionCounter
{
    public EventSource? Source => source;

    public void CountRejection()
    {
        if (source is not null) counters.SourceLimited(source.Name);
    }
}
