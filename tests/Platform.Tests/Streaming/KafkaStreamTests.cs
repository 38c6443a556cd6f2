using System.Text.Json;
using Confluent.Kafka;
using Orleans.Streams;

namespace Platform.Tests.Streaming;

public sealed class KafkaStreamTests(KafkaStreamFixture fixture) : IClassFixture<KafkaStreamFixture>
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Events_of_a_key_arrive_in_order_through_the_provider()
    {
        var keys = Enumerable.Range(0, 5).Select(i => $"order-{Guid.NewGuid():N}-{i}").ToList();
        var provider = fixture.Cluster.Client.GetStreamProvider(KafkaTopics.Provider);

        await Task.WhenAll(keys.Select(async key =>
        {
            var stream = provider.GetStream<TestEvent>(StreamId.Create(KafkaTopics.Orders, key));
            for (var i = 0; i < 100; i++)
            {
                await stream.OnNextAsync(new TestEvent { Key = key, Sequence = i });
            }
        }));

        foreach (var key in keys)
        {
            await Eventually.True(() => DeliveryLog.Sequences(KafkaTopics.Orders, key).Count >= 100, Within,
                () => $"{key} got {DeliveryLog.Sequences(KafkaTopics.Orders, key).Count} of 100");
            Assert.Equal(Enumerable.Range(0, 100), DeliveryLog.Sequences(KafkaTopics.Orders, key));
        }
    }

    [Fact]
    public async Task Json_from_a_plain_Kafka_producer_reaches_the_implicit_subscriber_of_its_key()
    {
        var key = $"outside-{Guid.NewGuid():N}";
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = fixture.Broker.BootstrapServers }).Build();
        for (var i = 0; i < 20; i++)
        {
            var json = JsonSerializer.Serialize(new { key, sequence = i });
            await producer.ProduceAsync(KafkaTopics.Orders, new Message<string, string> { Key = key, Value = json });
        }

        await Eventually.True(() => DeliveryLog.Sequences(KafkaTopics.Orders, key).Count >= 20, Within,
            () => $"got {DeliveryLog.Sequences(KafkaTopics.Orders, key).Count} of 20");
        Assert.Equal(Enumerable.Range(0, 20), DeliveryLog.Sequences(KafkaTopics.Orders, key));
    }

    [Fact]
    public async Task An_unreadable_message_is_skipped_and_the_next_one_of_its_stream_delivered()
    {
        var key = $"garbage-{Guid.NewGuid():N}";
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = fixture.Broker.BootstrapServers }).Build();

        await producer.ProduceAsync(KafkaTopics.Orders, new Message<string, string> { Key = key, Value = "{not json" });
        await producer.ProduceAsync(KafkaTopics.Orders, new Message<string, string> { Key = key, Value = JsonSerializer.Serialize(new { key, sequence = 1 }) });

        await Eventually.True(() => DeliveryLog.Sequences(KafkaTopics.Orders, key).Count == 1, Within, () => "the readable message should arrive");
        Assert.Equal([1], DeliveryLog.Sequences(KafkaTopics.Orders, key));
    }

    [Fact]
    public async Task An_explicit_subscriber_on_the_client_receives_the_stream_as_json_elements()
    {
        var key = $"explicit-{Guid.NewGuid():N}";
        var received = new System.Collections.Concurrent.ConcurrentQueue<JsonElement>();
        var stream = fixture.Cluster.Client.GetStreamProvider(KafkaTopics.Provider).GetStream<object>(StreamId.Create(KafkaTopics.Orders, key));
        var subscription = await stream.SubscribeAsync((item, _) =>
        {
            received.Enqueue((JsonElement)item);
            return Task.CompletedTask;
        });

        await stream.OnNextAsync(new TestEvent { Key = key, Sequence = 3 });

        await Eventually.True(() => !received.IsEmpty, Within, () => "the client should receive the event");
        Assert.Equal(3, received.Single().GetProperty("sequence").GetInt32());
        await subscription.UnsubscribeAsync();
    }

    [Fact]
    public async Task Orleans_binary_topic_round_trips_events()
    {
        var key = $"binary-{Guid.NewGuid():N}";
        var stream = fixture.Cluster.Client.GetStreamProvider(KafkaTopics.Provider).GetStream<TestEvent>(StreamId.Create(KafkaTopics.Binary, key));

        await stream.OnNextBatchAsync([.. Enumerable.Range(0, 10).Select(i => new TestEvent { Key = key, Sequence = i })]);

        await Eventually.True(() => DeliveryLog.Sequences(KafkaTopics.Binary, key).Count >= 10, Within,
            () => $"got {DeliveryLog.Sequences(KafkaTopics.Binary, key).Count} of 10");
        Assert.Equal(Enumerable.Range(0, 10), DeliveryLog.Sequences(KafkaTopics.Binary, key));
    }

    [Fact]
    public async Task A_failed_delivery_leaves_its_offset_uncommitted()
    {
        const string key = "failing-key";
        var stream = fixture.Cluster.Client.GetStreamProvider(KafkaTopics.Provider).GetStream<TestEvent>(StreamId.Create(KafkaTopics.Failing, key));
        var partition = new TopicPartition(KafkaTopics.Failing, 0);

        for (var i = 0; i < 30; i++)
        {
            await stream.OnNextAsync(new TestEvent { Key = key, Sequence = i });
        }

        // The events after the poison one are delivered, and the offsets before it committed ...
        await Eventually.True(() => DeliveryLog.Sequences(KafkaTopics.Failing, key).Contains(29), TimeSpan.FromSeconds(30),
            () => $"delivered {string.Join(",", DeliveryLog.Sequences(KafkaTopics.Failing, key))}");
        await Eventually.True(() => Committed(partition) == FailingRecorderGrain.PoisonSequence, Within,
            () => $"committed offset is {Committed(partition)}");

        // ... but however many more are delivered, the commit stays at the poison event's offset.
        for (var i = 30; i < 60; i++)
        {
            await stream.OnNextAsync(new TestEvent { Key = key, Sequence = i });
        }

        await Eventually.True(() => DeliveryLog.Sequences(KafkaTopics.Failing, key).Contains(59), Within,
            () => $"delivered up to {DeliveryLog.Sequences(KafkaTopics.Failing, key).Max()}");
        Assert.DoesNotContain(FailingRecorderGrain.PoisonSequence, DeliveryLog.Sequences(KafkaTopics.Failing, key));
        Assert.Equal(FailingRecorderGrain.PoisonSequence, Committed(partition));
    }

    [Fact]
    public void Topics_are_created_on_the_embedded_broker_with_their_partition_counts()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = fixture.Broker.BootstrapServers }).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));

        int Partitions(string topic) => metadata.Topics.Single(t => t.Topic == topic).Partitions.Count;
        Assert.Equal(3, Partitions("provisioned"));
        Assert.Equal(4, Partitions(KafkaTopics.Orders));
        Assert.Equal(1, Partitions(KafkaTopics.Failing));
    }

    private long Committed(TopicPartition partition)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = fixture.Broker.BootstrapServers,
            GroupId = KafkaStreamFixture.Group,
        }).Build();
        return consumer.Committed([partition], TimeSpan.FromSeconds(10)).Single().Offset.Value;
    }
}
