using Confluent.Kafka;

namespace Grains.Streaming.Kafka;

/// <summary>Builds librdkafka settings: defaults, then the configured pass-through, then what correctness needs.</summary>
internal sealed class KafkaClientConfigs(KafkaStreamOptions options, string bootstrapServers, string providerName)
{
    public string BootstrapServers => bootstrapServers;

    public AdminClientConfig Admin() => new(Merge(options.Settings)) { BootstrapServers = bootstrapServers };

    // Each awaited produce waits out linger.ms: 1 ms keeps stream writes quick and still batches under load.
    public ProducerConfig Producer() =>
        new(Merge(new Dictionary<string, string> { ["linger.ms"] = "1" }, options.Settings, options.ProducerSettings))
        {
            BootstrapServers = bootstrapServers,
            ClientId = $"{providerName}-producer",
            // A produce counts only once every in-sync replica has it, exactly once and in order per partition.
            Acks = Acks.All,
            EnableIdempotence = true,
            // Same partition for a key as the Java client and KafkaStreamQueueMapper.
            Partitioner = Partitioner.Murmur2Random,
        };

    public ConsumerConfig Consumer(TopicPartition partition)
    {
        var defaults = new Dictionary<string, string>
        {
            ["auto.offset.reset"] = "earliest",
            ["auto.commit.interval.ms"] = "1000",
            // One consumer per partition: librdkafka's default 64 MiB prefetch each would add up quickly.
            ["queued.max.messages.kbytes"] = "16384",
        };
        return new ConsumerConfig(Merge(defaults, options.Settings, options.ConsumerSettings))
        {
            BootstrapServers = bootstrapServers,
            GroupId = options.ConsumerGroup,
            ClientId = $"{providerName}-{partition.Topic}-{partition.Partition.Value}",
            // Only offsets stored after Orleans delivered their messages get committed.
            EnableAutoCommit = true,
            EnableAutoOffsetStore = false,
            EnablePartitionEof = false,
        };
    }

    private static Dictionary<string, string> Merge(params Dictionary<string, string>[] layers)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            foreach (var (key, value) in layer)
            {
                merged[key] = value;
            }
        }

        return merged;
    }
}
