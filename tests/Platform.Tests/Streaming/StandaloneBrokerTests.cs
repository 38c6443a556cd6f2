using Confluent.Kafka;

namespace Platform.Tests.Streaming;

/// <summary><c>Silo kafka-broker PORT</c> serves other processes over TCP on a fixed port.</summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class StandaloneBrokerTests
{
    [Fact]
    public async Task Another_process_produces_and_consumes_through_the_standalone_broker()
    {
        var port = FreePort.Next();
        await using var broker = PlatformProcess.Start("Silo", new Dictionary<string, string>(), "kafka-broker", port.ToString());
        await Eventually.True(() => broker.Output.Contains($"listening on 127.0.0.1:{port}"), TimeSpan.FromSeconds(30), () => broker.Output);

        var bootstrap = $"127.0.0.1:{port}";
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap }).Build())
            await producer.ProduceAsync(new TopicPartition("standalone.check", 0), new Message<string, string> { Key = "k", Value = "{\"n\":1}" });

        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "standalone-check",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Assign(new TopicPartitionOffset("standalone.check", 0, Offset.Beginning));
        var received = await Task.Run(() => consumer.Consume(TimeSpan.FromSeconds(20)));

        Assert.Equal("{\"n\":1}", received?.Message.Value);
        await broker.StopAsync(TimeSpan.FromSeconds(10));
        Assert.True(broker.HasExited);
    }
}
