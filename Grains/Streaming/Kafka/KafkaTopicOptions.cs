namespace Grains.Streaming.Kafka;

/// <summary>One topic of <see cref="KafkaStreamOptions.Topics"/>.</summary>
public sealed class KafkaTopicOptions
{
    /// <summary>Number of partitions, hence of Orleans queues. Must match the topic on the cluster.</summary>
    public int Partitions { get; set; } = 4;

    /// <summary>Replication factor when the topic is created; -1 takes the broker's default.</summary>
    public short ReplicationFactor { get; set; } = -1;

    /// <summary>How events written through Orleans are encoded.</summary>
    public KafkaPayloadFormat Payload { get; set; } = KafkaPayloadFormat.Json;
}
