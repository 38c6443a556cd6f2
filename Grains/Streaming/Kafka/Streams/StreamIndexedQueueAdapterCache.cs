using Orleans.Streams;

namespace Grains.Streaming.Kafka.Streams;

/// <summary>One <see cref="StreamIndexedQueueCache"/> per queue the silo reads.</summary>
internal sealed class StreamIndexedQueueAdapterCache(int cacheSize, int batchSize) : IQueueAdapterCache
{
    public IQueueCache CreateQueueCache(QueueId queueId) => new StreamIndexedQueueCache(cacheSize, batchSize);
}
