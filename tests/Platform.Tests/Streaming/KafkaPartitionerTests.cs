using System.Text;
using Confluent.Kafka;
using Grains.Streaming.Kafka;
using Grains.Streaming.Kafka.Embedded;
using Grains.Streaming.Kafka.Streams;

namespace Platform.Tests.Streaming;

public sealed class KafkaPartitionerTests
{
    // Expected values from the Java client's own murmur2 tests.
    [Theory]
    [InlineData("21", -973932308)]
    [InlineData("foobar", -790332482)]
    [InlineData("a-little-bit-long-string", -985981536)]
    [InlineData("a-little-bit-longer-string", -1486304829)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    [InlineData("abc", 479470107)]
    public void Murmur2_matches_the_Java_client(string key, int expected) =>
        Assert.Equal(expected, KafkaPartitioner.Murmur2(Encoding.UTF8.GetBytes(key)));

    [Fact]
    public async Task The_queue_mapper_picks_the_partition_librdkafka_picks_for_a_key()
    {
        const int partitions = 7;
        await using var broker = EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions { Topics = { ["keyed"] = partitions } });
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = broker.BootstrapServers,
            Partitioner = Partitioner.Murmur2Random,
        }).Build();
        var mapper = new KafkaStreamQueueMapper(new Dictionary<string, KafkaTopicOptions>
        {
            ["another"] = new() { Partitions = 3 },
            ["keyed"] = new() { Partitions = partitions },
        }, "kafka");

        var keys = Enumerable.Range(0, 200).Select(i => $"key-{i}-{Guid.NewGuid()}").Append("").Append("é-ü-€");
        foreach (var key in keys)
        {
            var delivered = await producer.ProduceAsync("keyed", new Message<string, string> { Key = key, Value = "{}" });
            var mapped = mapper.GetTopicPartition(StreamId.Create("keyed", key));
            Assert.Equal(new TopicPartition("keyed", delivered.Partition), mapped);
        }
    }

    [Fact]
    public void Every_partition_of_every_topic_is_one_queue()
    {
        var mapper = new KafkaStreamQueueMapper(new Dictionary<string, KafkaTopicOptions>
        {
            ["b"] = new() { Partitions = 2 },
            ["a"] = new() { Partitions = 3 },
        }, "kafka");

        var partitions = mapper.GetAllQueues().Select(mapper.GetTopicPartition).ToList();

        Assert.Equal(["a/0", "a/1", "a/2", "b/0", "b/1"], partitions.Select(p => $"{p.Topic}/{p.Partition.Value}"));
        Assert.Throws<KafkaStreamingException>(() => mapper.GetQueueForStream(StreamId.Create("unknown", "k")));
    }
}
