using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Grains.Streaming.Kafka;
using Grains.Streaming.Kafka.Streams;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Streams;

namespace Platform.Tests.Streaming;

public sealed class KafkaBatchContainerTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    [Fact]
    public void A_json_message_is_read_as_the_subscribers_type_after_crossing_the_wire()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new { key = "k", sequence = 7 });
        var container = Copy(KafkaBatchContainer.From(Result(json, null), _services.GetRequiredService<Serializer<KafkaOrleansPayload>>()));

        Assert.Equal("orders/k", $"{container.StreamId.GetNamespace()}/{container.StreamId.GetKeyAsString()}");
        Assert.Equal(42, container.SequenceToken.SequenceNumber);
        Assert.Equal(new TestEvent { Key = "k", Sequence = 7 }, container.GetEvents<TestEvent>().Single().Item1);
        Assert.Equal(7, Assert.IsType<JsonElement>(container.GetEvents<object>().Single().Item1).GetProperty("sequence").GetInt32());
    }

    [Fact]
    public void A_value_that_is_not_json_reaches_only_raw_subscribers_and_json_of_another_shape_is_refused()
    {
        var serializer = _services.GetRequiredService<Serializer<KafkaOrleansPayload>>();

        var notJson = Copy(KafkaBatchContainer.From(Result("not json"u8.ToArray(), new Headers { { "source", "x"u8.ToArray() } }), serializer));
        var container = KafkaBatchContainer.From(Result("\"just text\""u8.ToArray(), null), serializer);
        var wrongShape = Assert.Throws<KafkaStreamingException>(() => container.GetEvents<TestEvent>().ToList());

        Assert.Empty(notJson.GetEvents<TestEvent>());
        var raw = notJson.GetEvents<KafkaRecord>().Single().Item1;
        Assert.Equal(("orders", "k", 42L, "not json", "x"), (raw.Topic, raw.Key, raw.Offset, Encoding.UTF8.GetString(raw.Value), raw.Headers["source"]));
        Assert.Contains("offset 42", wrongShape.Message);
        Assert.Equal("just text", container.GetEvents<string>().Single().Item1);
    }

    [Fact]
    public void An_orleans_binary_message_carries_a_whole_batch()
    {
        var serializer = _services.GetRequiredService<Serializer<KafkaOrleansPayload>>();
        var payload = serializer.SerializeToArray(new KafkaOrleansPayload { Events = [new TestEvent { Sequence = 1 }, new TestEvent { Sequence = 2 }] });
        var container = Copy(KafkaBatchContainer.From(Result(payload, new Headers { { KafkaMessageFormat.PayloadHeader, "orleans-binary"u8.ToArray() } }), serializer));

        Assert.Equal([1, 2], container.GetEvents<TestEvent>().Select(e => e.Item1.Sequence));
    }

    public void Dispose() => _services.Dispose();

    private IBatchContainer Copy(IBatchContainer container)
    {
        var serializer = _services.GetRequiredService<Serializer<IBatchContainer>>();
        return serializer.Deserialize(serializer.SerializeToArray(container))!;
    }

    private static ConsumeResult<byte[]?, byte[]?> Result(byte[] value, Headers? headers) => new()
    {
        Topic = "orders",
        Partition = 0,
        Offset = 42,
        Message = new Message<byte[]?, byte[]?> { Key = Encoding.UTF8.GetBytes("k"), Value = value, Headers = headers },
    };
}
