using Orleans.Streams;

namespace Grains.Streaming.Kafka.Streams;

/// <summary>One <see cref="StreamIndexedQueueCache"/> per queue the silo reads, each with its partition's way back into Kafka.</summary>
internal sealed class StreamIndexedQueueAdapterCache(int cacheSize, int batchSize, Func<QueueId, KafkaPartitionRewinder?> rewinderOf) : IQueueAdapterCache
{
    public IQueueCache CreateQueueCache(QueueId queueId) => new StreamIndexedQueueCache(cacheSize, batchSize, rewinderOf(queueId));
}
