using Grains.Streaming.Kafka.Embedded;

namespace Platform.Tests.Streaming;

public sealed class KafkaBrokerChoiceTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Without_bootstrap_servers_the_embedded_broker_carries_the_streams()
    {
        await using var cluster = await KafkaTestCluster.StartAsync(1, new Dictionary<string, string?>
        {
            ["Kafka:ConsumerGroup"] = "embedded-default",
            ["Kafka:Topics:default-topic:Partitions"] = "2",
        }, TimeSpan.FromSeconds(30));

        await AssertRoundTripAsync(cluster.Client, "default-topic");
    }

    [Fact]
    public async Task A_standalone_broker_of_another_host_name_is_used_through_the_Kafka_protocol()
    {
        var port = FreePort.Next();
        await using var broker = EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions { Port = port, Topics = { ["standalone-topic"] = 3 } });
        await using var cluster = await KafkaTestCluster.StartAsync(1, new Dictionary<string, string?>
        {
            // Not the string the broker handed out, so the provider treats it as any remote cluster.
            ["Kafka:BootstrapServers"] = $"localhost:{port}",
            ["Kafka:Topics:standalone-topic:Partitions"] = "3",
        }, TimeSpan.FromSeconds(30));

        await AssertRoundTripAsync(cluster.Client, "standalone-topic");
    }

    private static async Task AssertRoundTripAsync(IClusterClient client, string topic)
    {
        var key = Guid.NewGuid().ToString("N");
        var stream = client.GetStreamProvider(KafkaTopics.Provider).GetStream<TestEvent>(StreamId.Create(topic, key));
        await stream.OnNextAsync(new TestEvent { Key = key, Sequence = 1 });

        await Eventually.True(() => DeliveryLog.Sequences(topic, key).Count == 1, Within, () => "the event should arrive");
    }
}
