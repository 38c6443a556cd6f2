using Grains.Streaming.Kafka.Embedded;
using Orleans.TestingHost;

namespace Platform.Tests.Streaming;

/// <summary>An embedded broker and a one-silo cluster shared by <see cref="KafkaStreamTests"/>.</summary>
public sealed class KafkaStreamFixture : IAsyncLifetime
{
    public const string Group = "kafka-stream-tests";

    public EmbeddedKafkaBroker Broker { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Broker = EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions());
        Cluster = await KafkaTestCluster.StartAsync(1, new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = Broker.BootstrapServers,
            ["Kafka:ConsumerGroup"] = Group,
            [$"Kafka:Topics:{KafkaTopics.Orders}:Partitions"] = "4",
            [$"Kafka:Topics:{KafkaTopics.Binary}:Partitions"] = "2",
            [$"Kafka:Topics:{KafkaTopics.Binary}:Payload"] = "Orleans",
            [$"Kafka:Topics:{KafkaTopics.Failing}:Partitions"] = "1",
            ["Kafka:Topics:provisioned:Partitions"] = "3",
            ["Kafka:ConsumerSettings:auto.commit.interval.ms"] = "100",
        },
        // Gives up on the poison event of the failing topic quickly.
        maxEventDeliveryTime: TimeSpan.FromSeconds(1));
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Broker.DisposeAsync();
    }
}
