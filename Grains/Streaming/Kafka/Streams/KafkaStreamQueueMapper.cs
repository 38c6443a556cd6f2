using Confluent.Kafka;
using Orleans.Configuration;
using Orleans.Streams;

namespace Grains.Streaming.Kafka.Streams;

/// <summary>
/// One Orleans queue per Kafka partition of every configured topic. A stream goes to the partition
/// Kafka's default partitioner picks for its key, so outside producers and Orleans agree.
/// </summary>
internal sealed class KafkaStreamQueueMapper : IConsistentRingStreamQueueMapper
{
    private readonly HashRingBasedStreamQueueMapper _ring;
    private readonly QueueId[] _queues;
    private readonly Dictionary<QueueId, TopicPartition> _partitions = [];
    private readonly Dictionary<string, (int FirstQueue, int Partitions)> _topics = new(StringComparer.Ordinal);

    public KafkaStreamQueueMapper(IReadOnlyDictionary<string, KafkaTopicOptions> topics, string providerName)
    {
        // Every silo and client must number the queues alike, so topics are taken in ordinal order.
        var ordered = topics.OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        var total = ordered.Sum(t => t.Value.Partitions);
        _ring = new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = total }, providerName);
        _queues = [.. _ring.GetAllQueues().OrderBy(q => q.GetNumericId())];

        var next = 0;
        foreach (var (topic, settings) in ordered)
        {
            _topics[topic] = (next, settings.Partitions);
            for (var partition = 0; partition < settings.Partitions; partition++)
            {
                _partitions[_queues[next + partition]] = new TopicPartition(topic, partition);
            }

            next += settings.Partitions;
        }
    }

    public IEnumerable<QueueId> GetAllQueues() => _queues;

    public IEnumerable<QueueId> GetQueuesForRange(IRingRange range) => _ring.GetQueuesForRange(range);

    public QueueId GetQueueForStream(StreamId streamId)
    {
        var topic = streamId.GetNamespace() ?? "";
        if (!_topics.TryGetValue(topic, out var entry))
        {
            throw new KafkaStreamingException(
                $"Stream namespace '{topic}' is not a configured Kafka topic; add it under {KafkaStreamOptions.SectionName}:Topics.");
        }

        return _queues[entry.FirstQueue + KafkaPartitioner.Partition(streamId.Key.Span, entry.Partitions)];
    }

    public TopicPartition GetTopicPartition(QueueId queueId) => _partitions[queueId];

    public TopicPartition GetTopicPartition(StreamId streamId) => _partitions[GetQueueForStream(streamId)];
}
