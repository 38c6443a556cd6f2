namespace Grains.Streaming.Kafka;

/// <summary>
/// Settings of a Kafka stream provider, bound from the <c>Kafka</c> configuration section.
/// </summary>
/// <remarks>Not registered for options logging: <see cref="Settings"/> may hold credentials.</remarks>
public sealed class KafkaStreamOptions
{
    /// <summary>The configuration section these options are usually bound from.</summary>
    public const string SectionName = "Kafka";

    /// <summary>
    /// <c>Kafka:BootstrapServers</c>, comma-separated <c>host:port</c> pairs. Empty starts the in-process,
    /// in-memory <see cref="Embedded.EmbeddedKafkaBroker.Default"/>.
    /// </summary>
    public string? BootstrapServers { get; set; }

    /// <summary><c>Kafka:ConsumerGroup</c>: the group whose committed offsets the receivers resume from.</summary>
    public string ConsumerGroup { get; set; } = "orleans-streams";

    /// <summary>
    /// <c>Kafka:Topics:{name}</c>: the topics, each a stream namespace. Every silo and client must list the same topics.
    /// </summary>
    public Dictionary<string, KafkaTopicOptions> Topics { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// <c>Kafka:Settings:{librdkafka property}</c>: passed to every producer, consumer and admin client,
    /// e.g. <c>security.protocol</c>, <c>sasl.mechanism</c>, <c>sasl.username</c>, <c>sasl.password</c>.
    /// </summary>
    public Dictionary<string, string> Settings { get; set; } = new(StringComparer.Ordinal);

    /// <summary><c>Kafka:ProducerSettings</c>: librdkafka properties for the producer only.</summary>
    public Dictionary<string, string> ProducerSettings { get; set; } = new(StringComparer.Ordinal);

    /// <summary><c>Kafka:ConsumerSettings</c>: librdkafka properties for the consumers only.</summary>
    public Dictionary<string, string> ConsumerSettings { get; set; } = new(StringComparer.Ordinal);

    /// <summary><c>Kafka:ProvisionTopics</c>: create missing topics with their partition counts at start.</summary>
    public bool ProvisionTopics { get; set; } = true;

    /// <summary><c>Kafka:MaxBatchSize</c>: most messages one pull of a partition hands to Orleans.</summary>
    public int MaxBatchSize { get; set; } = 1000;
}
