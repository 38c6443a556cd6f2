using Confluent.Kafka;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;

namespace Grains.Streaming.Kafka;

/// <summary>
/// One Kafka message. A JSON value is kept as bytes and read as the subscriber's own item type
/// when delivered; an Orleans-format value carries a whole batch of events.
/// </summary>
[GenerateSerializer]
internal sealed class KafkaBatchContainer : IBatchContainer
{
    [Id(0)]
    private readonly byte[]? _json;

    [Id(1)]
    private readonly KafkaOrleansPayload? _payload;

    [Id(2)]
    private readonly EventSequenceTokenV2 _token;

    private KafkaBatchContainer(StreamId streamId, EventSequenceTokenV2 token, byte[]? json, KafkaOrleansPayload? payload)
    {
        StreamId = streamId;
        _token = token;
        _json = json;
        _payload = payload;
    }

    [Id(3)]
    public StreamId StreamId { get; }

    public StreamSequenceToken SequenceToken => _token;

    /// <summary>The Kafka offset of the message.</summary>
    public long Offset => _token.SequenceNumber;

    /// <summary>Decodes a message; throws when its value can never be delivered (not JSON, or a corrupt Orleans batch).</summary>
    public static KafkaBatchContainer From(ConsumeResult<byte[]?, byte[]?> result, Serializer<KafkaOrleansPayload> serializer)
    {
        var value = result.Message.Value;
        if (value is null)
        {
            return Empty(result);
        }

        if (KafkaMessageFormat.IsOrleansBinary(result.Message.Headers))
        {
            return new KafkaBatchContainer(StreamIdOf(result), TokenOf(result), null, serializer.Deserialize(value));
        }

        return KafkaMessageFormat.IsJson(value)
            ? new KafkaBatchContainer(StreamIdOf(result), TokenOf(result), value, null)
            : throw new KafkaStreamingException($"Message at offset {result.Offset.Value} of {result.TopicPartition} is not JSON.");
    }

    /// <summary>A message that carries no event: a tombstone, or one skipped as unreadable.</summary>
    public static KafkaBatchContainer Empty(ConsumeResult<byte[]?, byte[]?> result) => new(StreamIdOf(result), TokenOf(result), null, null);

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        if (_payload is not null)
        {
            return _payload.Events.OfType<T>().Select((item, index) => Tuple.Create(item, (StreamSequenceToken)_token.CreateSequenceTokenForEvent(index)));
        }

        if (_json is null)
        {
            return [];
        }

        T? item;
        try
        {
            item = KafkaMessageFormat.FromJson<T>(_json);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new KafkaStreamingException($"Message at offset {Offset} of '{StreamId}' is not JSON of {typeof(T).Name}: {ex.Message}", ex);
        }

        return item is null ? [] : [Tuple.Create(item, (StreamSequenceToken)_token)];
    }

    // A message with no key (from an outside producer) belongs to the stream with the empty key.
    private static StreamId StreamIdOf(ConsumeResult<byte[]?, byte[]?> result) =>
        StreamId.Create(System.Text.Encoding.UTF8.GetBytes(result.Topic), result.Message.Key ?? []);

    private static EventSequenceTokenV2 TokenOf(ConsumeResult<byte[]?, byte[]?> result) => new(result.Offset.Value);

    public bool ImportRequestContext()
    {
        if (_payload?.RequestContext is not { } context)
        {
            return false;
        }

        RequestContextExtensions.Import(context);
        return true;
    }
}
