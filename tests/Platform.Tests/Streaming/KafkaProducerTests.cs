using Confluent.Kafka;
using Grains.Streaming.Kafka;
using Grains.Streaming.Kafka.Embedded;
using Grains.Streaming.Kafka.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using Orleans.Serialization;

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

    [Fact]
    public async Task A_write_through_a_provider_that_has_stopped_is_refused_not_a_crash()
    {
        const string topic = "stopped-provider";
        await using var broker = EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions());
        await using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var options = new KafkaStreamOptions { BootstrapServers = broker.BootstrapServers, Topics = { [topic] = new KafkaTopicOptions { Partitions = 1 } } };
        var factory = new KafkaQueueAdapterFactory("stopped", options, new SimpleQueueCacheOptions(), new StreamPullingAgentOptions(),
            services.GetRequiredService<Serializer<KafkaOrleansPayload>>(), NullLoggerFactory.Instance);
        var adapter = await factory.CreateAdapter();
        var stream = StreamId.Create(topic, "k");
        await adapter.QueueMessageBatchAsync(stream, [new TestEvent { Key = "k", Sequence = 0 }], null, []);

        factory.Dispose();

        // The producer is destroyed: a write reaching it now would hand librdkafka a freed handle.
        var refused = await Assert.ThrowsAsync<ObjectDisposedException>(
            () => adapter.QueueMessageBatchAsync(stream, [new TestEvent { Key = "k", Sequence = 1 }], null, []));
        Assert.Equal(typeof(KafkaQueueAdapterFactory).FullName, refused.ObjectName);
    }
}
