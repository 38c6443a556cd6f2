using Confluent.Kafka;
using Grains.Streaming.Kafka.Embedded;

namespace Platform.Tests.Streaming;

public sealed class KafkaProducerTests
{
    [Fact]
    public async Task A_write_the_broker_never_acknowledges_fails_for_the_caller()
    {
        var broker = EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions());
        await using var cluster = await KafkaTestCluster.StartAsync(1, new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = broker.BootstrapServers,
            ["Kafka:Topics:unacknowledged:Partitions"] = "1",
            ["Kafka:ProducerSettings:message.timeout.ms"] = "1500",
        }, TimeSpan.FromSeconds(30));
        var stream = cluster.Client.GetStreamProvider(KafkaTopics.Provider).GetStream<TestEvent>(StreamId.Create("unacknowledged", "k"));
        await stream.OnNextAsync(new TestEvent { Key = "k", Sequence = 0 });

        await broker.DisposeAsync();

        var error = await Assert.ThrowsAnyAsync<ProduceException<byte[], byte[]>>(() => stream.OnNextAsync(new TestEvent { Key = "k", Sequence = 1 }));
        Assert.Equal(Confluent.Kafka.ErrorCode.Local_MsgTimedOut, error.Error.Code);
    }
}
