using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Grains.Streaming.Kafka;
using Grains.Streaming.Kafka.Embedded;
using Grains.Streaming.Kafka.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Streams;

namespace Platform.Tests.Streaming;

/// <summary>
/// The provider is rewindable: a subscriber that kept the token of the last event it processed resumes from it after
/// the silo restarted, and gets what followed, from Kafka where the cache no longer has it, then live, in order,
/// exactly once.
/// </summary>
public sealed class KafkaRewindTests
{
    // Over two of the rewind's chunks of 1,000, and far over the test cluster's cache of 100.
    private const int Before = 2_500, After = 5;
    private const string Key = "sensor-1", OtherKey = "sensor-2";

    [Fact]
    public async Task A_subscriber_resumes_from_an_old_token_after_a_restart_and_misses_nothing()
    {
        await using var broker = EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions());
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = broker.BootstrapServers,
            ["Kafka:ConsumerGroup"] = "kafka-rewind-tests",
            // One partition: the other key's messages sit between this one's, and the rewind must pass them over.
            [$"Kafka:Topics:{KafkaTopics.Rewind}:Partitions"] = "1",
        };
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build();
        ResumingRecorderGrain.Received.Clear();

        StreamSequenceToken resumeToken;
        await using (var cluster = await KafkaTestCluster.StartAsync(1, settings, TimeSpan.FromSeconds(30)))
        {
            Produce(producer, 0, Before);
            await Eventually.True(() => Received(Key).Count == Before, TimeSpan.FromSeconds(60), () => $"{Received(Key).Count} of {Before} delivered before the restart");
            resumeToken = ResumingRecorderGrain.Received.Single(r => r.Event.Key == Key && r.Event.Sequence == 9).Token;
        }

        // A new silo, whose cache starts with what is produced from now on: everything after the token is older.
        ResumingRecorderGrain.Received.Clear();
        ResumingRecorderGrain.ResumeFrom[Key] = resumeToken;
        await using (var cluster = await KafkaTestCluster.StartAsync(1, settings, TimeSpan.FromSeconds(30)))
        {
            Produce(producer, Before, Before + After);
            var expected = Enumerable.Range(10, Before + After - 10).ToList();
            await Eventually.True(() => Received(Key).Count >= expected.Count, TimeSpan.FromSeconds(60),
                () => $"{Received(Key).Count} of {expected.Count} delivered after resuming");
            Assert.Equal(expected, Received(Key));
            // Without a token the other key's subscriber starts where the group's commits left off: what is new, and
            // (at least once) what the first silo still held in its cache when it stopped; not the whole log.
            await Eventually.True(() => Received(OtherKey).Contains(Before + After - 1), TimeSpan.FromSeconds(30), () => $"{Received(OtherKey).Count} of the other key's");
            Assert.Equal(Enumerable.Range(Before, After), Received(OtherKey).Where(n => n >= Before));
            Assert.InRange(Received(OtherKey).Count, After, After + 100);
        }

        var token = Assert.IsType<KafkaSequenceToken>(resumeToken);
        Assert.Equal(0, token.Partition);
    }

    [Fact]
    public async Task Behind_an_empty_cache_a_cursor_re_reads_up_to_where_the_receiver_is_then_takes_the_cache()
    {
        const string topic = "rewind-empty-cache";
        await using var broker = EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions { Topics = { [topic] = 1 } });
        await using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer<KafkaOrleansPayload>>();
        // The receiver has handed over everything before offset 30, and the cache has purged it all.
        var rewinder = ProducedPartition(broker, topic, 40, serializer, nextOffset: 30);
        var cache = new StreamIndexedQueueCache(maxSize: 100, batchSize: 10, rewinder);
        var stream = StreamId.Create(topic, Key);

        var cursor = ((IQueueCache)cache).TryGetCacheCursor(stream, new KafkaSequenceToken(0, 10)).Cursor!;
        Assert.Equal(QueueCacheCursorMoveResultKind.NoData, cursor.MoveNextWithResult().Kind);
        var wakeUps = new List<IBatchContainer>();
        await Eventually.True(() =>
        {
            rewinder.AddWakeUps(wakeUps);
            return wakeUps.Count > 0;
        }, TimeSpan.FromSeconds(30), () => "no wake-up after the read");
        Assert.Equal(stream, Assert.IsType<KafkaWakeUp>(Assert.Single(wakeUps)).StreamId);

        // The receiver goes on from offset 28 (it may hand over again what it had): those before 30 were re-read already.
        cache.AddToCache([.. Enumerable.Range(28, 6).Select(offset => Container(serializer, topic, offset))]);
        cursor.Refresh(new KafkaSequenceToken(0, 28));
        Assert.Equal([12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32], Offsets(cursor));
    }

    [Fact]
    public async Task A_cache_filled_behind_a_rewinding_cursor_still_takes_its_wake_up_and_nothing_else()
    {
        const string topic = "rewind-full-cache";
        await using var broker = EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions { Topics = { [topic] = 1 } });
        await using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer<KafkaOrleansPayload>>();
        var rewinder = ProducedPartition(broker, topic, 140, serializer, nextOffset: 130);
        var partition = rewinder.Partition;
        // Offsets 30 to 129 fill all ten buckets; the rewinding cursor holds the oldest, where its stream's cached messages begin.
        var cache = new StreamIndexedQueueCache(maxSize: 100, batchSize: 10, rewinder);
        cache.AddToCache([.. Enumerable.Range(30, 100).Select(offset => Container(serializer, topic, offset))]);
        var stream = StreamId.Create(topic, Key);
        var cursor = ((IQueueCache)cache).TryGetCacheCursor(stream, new KafkaSequenceToken(0, 10)).Cursor!;
        Assert.Equal(QueueCacheCursorMoveResultKind.NoData, cursor.MoveNextWithResult().Kind);
        Assert.False(cache.TryPurgeFromCache(out _));

        await Eventually.True(() => rewinder.HasWakeUps, TimeSpan.FromSeconds(30), () => "no wake-up after the read");
        Assert.False(cache.IsUnderPressure());
        Assert.True(rewinder.CacheIsFull);

        // The receiver, with the partition's messages at hand, hands over the wake-up alone.
        var options = new KafkaStreamOptions { ConsumerGroup = $"rewind-full-cache-{Guid.NewGuid():N}" };
        var configs = new KafkaClientConfigs(options, broker.BootstrapServers, "test");
        var shared = new SharedKafkaConsumer(() => new KafkaSiloConsumer(configs.SiloConsumer(), 1L << 20, NullLogger.Instance));
        var receiver = new KafkaQueueAdapterReceiver(partition, shared, serializer, 100, rewinder, new KafkaReceiverStop(NullLogger<KafkaReceiverStop>.Instance), NullLogger.Instance);
        await receiver.Initialize(TimeSpan.FromSeconds(5));
        try
        {
            var wakeUp = Assert.IsType<KafkaWakeUp>(Assert.Single(await receiver.GetQueueMessagesAsync(10, CancellationToken.None)));

            // Woken, the cursor delivers the re-read messages and then the cached ones, and lets the cache go.
            cursor.Refresh(wakeUp.SequenceToken);
            Assert.Equal([.. Enumerable.Range(6, 59).Select(n => 2L * n)], Offsets(cursor));
            cursor.Dispose();
            Assert.True(cache.TryPurgeFromCache(out var purged));
            Assert.Equal(100, purged.Count);
            Assert.False(cache.IsUnderPressure());
            Assert.False(rewinder.CacheIsFull);
            await Eventually.True(async () => (await receiver.GetQueueMessagesAsync(10, CancellationToken.None)).OfType<KafkaBatchContainer>().Any(),
                TimeSpan.FromSeconds(30), () => "the receiver should hand over messages again");
        }
        finally
        {
            await receiver.Shutdown(TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>Offsets 0 to <paramref name="messages"/> − 1 of the topic's one partition, this key at the even ones; and the partition's rewinder.</summary>
    private static KafkaPartitionRewinder ProducedPartition(EmbeddedKafkaBroker broker, string topic, int messages, Serializer<KafkaOrleansPayload> serializer, long nextOffset)
    {
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build())
        {
            for (var n = 0; n < messages; n++) producer.Produce(topic, new Message<string, string> { Key = n % 2 == 0 ? Key : OtherKey, Value = $"{{\"n\":{n}}}" });
            producer.Flush(TimeSpan.FromSeconds(10));
        }

        var reader = new ConsumerConfig { BootstrapServers = broker.BootstrapServers, GroupId = "rewind-test", EnablePartitionEof = true, AutoOffsetReset = AutoOffsetReset.Earliest };
        return new KafkaPartitionRewinder(new TopicPartition(topic, 0), reader, serializer, NullLogger.Instance) { NextOffset = nextOffset };
    }

    private static List<long> Offsets(IQueueCacheCursor cursor)
    {
        var offsets = new List<long>();
        while (cursor.MoveNextWithResult().Kind == QueueCacheCursorMoveResultKind.Success) offsets.Add(cursor.GetCurrent(out _)!.SequenceToken.SequenceNumber);
        return offsets;
    }

    private static KafkaBatchContainer Container(Serializer<KafkaOrleansPayload> serializer, string topic, long offset) => KafkaBatchContainer.From(new ConsumeResult<byte[]?, byte[]?>
    {
        Topic = topic,
        Partition = 0,
        Offset = offset,
        Message = new Message<byte[]?, byte[]?> { Key = Encoding.UTF8.GetBytes(offset % 2 == 0 ? Key : OtherKey), Value = Encoding.UTF8.GetBytes($"{{\"n\":{offset}}}") },
    }, serializer);

    private static List<int> Received(string key) =>
        [.. ResumingRecorderGrain.Received.Where(r => r.Event.Key == key).Select(r => r.Event.Sequence)];

    private static void Produce(IProducer<string, string> producer, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            foreach (var key in new[] { Key, OtherKey })
            {
                var value = JsonSerializer.Serialize(new TestEvent { Key = key, Sequence = i });
                producer.Produce(KafkaTopics.Rewind, new Message<string, string> { Key = key, Value = value });
            }
        }

        producer.Flush(TimeSpan.FromSeconds(10));
    }
}
