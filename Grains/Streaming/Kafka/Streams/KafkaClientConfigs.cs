using Confluent.Kafka;
using Grains.Streaming.Kafka.Embedded;

namespace Grains.Streaming.Kafka.Streams;

/// <summary>
/// Builds librdkafka settings: defaults, then the configured pass-through, then what correctness needs.
/// Plain producers and consumers of the same cluster (outside the stream path) use it too.
/// </summary>
public sealed class KafkaClientConfigs(KafkaStreamOptions options, string bootstrapServers, string providerName)
{
    // Every client of the process that falls back to the embedded broker would say so; once is enough.
    private static int _embeddedAnnounced;

    public string BootstrapServers => bootstrapServers;

    /// <summary>
    /// Where the cluster is this process's embedded broker, what its producers signal after each write, so that its
    /// consumers can sleep while idle (<see cref="KafkaLocalWrites"/>); null for any other cluster, which is polled.
    /// </summary>
    internal KafkaLocalWrites? LocalWrites =>
        EmbeddedKafkaBroker.TryFind(bootstrapServers, out _) ? KafkaLocalWrites.For(bootstrapServers) : null;

    /// <summary>The configured cluster, or the process's embedded broker when none is configured.</summary>
    public static KafkaClientConfigs Resolve(KafkaStreamOptions options, string providerName, ILogger logger)
    {
        var bootstrap = options.BootstrapServers;
        if (string.IsNullOrWhiteSpace(bootstrap))
        {
            bootstrap = EmbeddedKafkaBroker.Default.BootstrapServers;
            if (Interlocked.Exchange(ref _embeddedAnnounced, 1) == 0)
                logger.UsingEmbeddedBroker(bootstrap);
        }

        return new KafkaClientConfigs(options, bootstrap, providerName);
    }

    /// <summary>Creates missing topics with the given partition counts and checks existing ones.</summary>
    public Task EnsureTopicsAsync(IReadOnlyDictionary<string, int> partitionsByTopic, ILogger logger)
    {
        var topics = new KafkaStreamOptions { ProvisionTopics = options.ProvisionTopics, Settings = options.Settings };
        foreach (var (topic, partitions) in partitionsByTopic)
            topics.Topics[topic] = new KafkaTopicOptions { Partitions = partitions };
        return KafkaTopicProvisioner.EnsureTopicsAsync(this, topics, logger);
    }

    /// <summary>A consumer of a group that commits only what the caller commits, from the earliest offset.</summary>
    public ConsumerConfig GroupConsumer(string groupId) =>
        new(Merge(new Dictionary<string, string> { ["auto.offset.reset"] = "earliest" }, options.Settings, options.ConsumerSettings))
        {
            BootstrapServers = bootstrapServers,
            GroupId = groupId,
            ClientId = $"{providerName}-{groupId}",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        };

    /// <summary>
    /// A reader of one partition's range, for rewinds: assigned by hand, so it joins no group, and commits nothing (the
    /// client insists on a group id all the same); told where the partition ends.
    /// </summary>
    public ConsumerConfig RangeReader(TopicPartition partition) =>
        new(Merge(new Dictionary<string, string> { ["fetch.wait.max.ms"] = "20" }, options.Settings, options.ConsumerSettings))
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"{providerName}-rewind",
            ClientId = $"{providerName}-rewind-{partition.Topic}-{partition.Partition.Value}",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            EnablePartitionEof = true,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };

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

    /// <summary>The silo's one consumer of the provider's partitions (<see cref="KafkaSiloConsumer"/>).</summary>
    public ConsumerConfig SiloConsumer()
    {
        var defaults = new Dictionary<string, string>
        {
            ["auto.offset.reset"] = "earliest",
            ["auto.commit.interval.ms"] = "1000",
            // A real broker answers a waiting fetch as soon as data arrives, so this only bounds idle polling
            // (50 fetches a second, each for every partition the silo reads); librdkafka's mock broker holds every
            // fetch this long, and Kafka's 500 ms default there added a quarter of a second to every event.
            ["fetch.wait.max.ms"] = "20",
        };
        return new ConsumerConfig(Merge(defaults, options.Settings, options.ConsumerSettings))
        {
            BootstrapServers = bootstrapServers,
            GroupId = options.ConsumerGroup,
            ClientId = $"{providerName}-silo",
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
