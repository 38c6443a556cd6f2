using System.Collections.Concurrent;
using Confluent.Kafka;
using Orleans.Serialization;

namespace Grains.Streaming.Kafka.Streams;

/// <summary>One <see cref="KafkaPartitionRewinder"/> per partition, shared by the partition's receiver and cache, which Orleans creates apart.</summary>
internal sealed class KafkaPartitionRewinders(Serializer<KafkaOrleansPayload> serializer, ILogger logger)
{
    private readonly ConcurrentDictionary<TopicPartition, KafkaPartitionRewinder> _byPartition = new();
    private KafkaClientConfigs? _configs;

    /// <summary>Set once the adapter knows how to reach Kafka; before that there is nothing to rewind.</summary>
    public void Use(KafkaClientConfigs configs) => Volatile.Write(ref _configs, configs);

    public KafkaPartitionRewinder? For(TopicPartition partition) => Volatile.Read(ref _configs) is { } configs
        ? _byPartition.GetOrAdd(partition, p => new KafkaPartitionRewinder(p, configs.RangeReader(p), serializer, logger))
        : null;
}
