using Orleans.Streams;

namespace Grains.Streaming.Kafka.Streams;

/// <summary>
/// Not a message: the receiver hands one to the pulling agent when a rewind has read something from Kafka, because the
/// agent looks at a paused subscriber again only when its stream gets a message. The cache never keeps it. Its token is
/// the next offset the receiver will hand over, so a subscriber's cursor refreshed with it waits for what comes next.
/// </summary>
internal sealed class KafkaWakeUp(StreamId streamId, KafkaSequenceToken token) : IBatchContainer
{
    public StreamId StreamId { get; } = streamId;

    public StreamSequenceToken SequenceToken { get; } = token;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() => [];

    public bool ImportRequestContext() => false;
}
