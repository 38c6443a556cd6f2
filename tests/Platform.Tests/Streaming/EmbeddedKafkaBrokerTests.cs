using Confluent.Kafka;
using Grains.Streaming.Kafka.Embedded;

namespace Platform.Tests.Streaming;

public sealed class EmbeddedKafkaBrokerTests
{
    [Fact]
    public async Task A_broker_on_a_fixed_port_serves_clients_there_with_its_topics()
    {
        var port = FreePort.Next();
        await using var broker = EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions { Port = port, Topics = { ["shared"] = 5 } });
        Assert.Equal($"127.0.0.1:{port}", broker.BootstrapServers);
        Assert.False(broker.CreateTopic("shared", 5));

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = $"localhost:{port}" }).Build();
        var topic = admin.GetMetadata("shared", TimeSpan.FromSeconds(10)).Topics.Single();
        Assert.Equal(5, topic.Partitions.Count);
        Assert.All(admin.GetMetadata(TimeSpan.FromSeconds(10)).Brokers, b => Assert.Equal(port, b.Port));

        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build();
        var delivered = await producer.ProduceAsync("shared", new Message<string, string> { Key = "k", Value = "\"v\"" });
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = broker.BootstrapServers, GroupId = "g" }).Build();
        consumer.Assign(delivered.TopicPartitionOffset);
        Assert.Equal("\"v\"", consumer.Consume(TimeSpan.FromSeconds(10))?.Message.Value);
    }
}
