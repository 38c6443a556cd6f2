using Confluent.Kafka;
using Orleans.Serialization;
using Orleans.Streams;

namespace Grains.Streaming.Kafka.Streams;

/// <summary>
/// One Kafka message. A JSON value is kept as bytes and read as the subscriber's own item type when
/// delivered; an Orleans-format value carries a whole batch of events. Subscribers of <see cref="KafkaRecord"/>
/// get every message as it is, JSON or not.
/// </summary>
[GenerateSerializer]
internal sealed class KafkaBatchContainer : IBatchContainer
{
    [Id(0)]
    private readonly byte[]? _value;

    [Id(1)]
    private readonly KafkaOrleansPayload? _payload;

    // Id 2 was an offset-only token, and 5 the partition; both are in this one now.
    [Id(8)]
    private readonly KafkaSequenceToken _token;

    [Id(4)]
    private readonly bool _isJson;

    [Id(6)]
    private readonly DateTimeOffset _timestamp;

    [Id(7)]
    private readonly Dictionary<string, string>? _headers;

    private KafkaBatchContainer(ConsumeResult<byte[]?, byte[]?> result, bool isJson, KafkaOrleansPayload? payload)
    {
        StreamId = StreamId.Create(System.Text.Encoding.UTF8.GetBytes(result.Topic), result.Message.Key ?? []);
        _token = new KafkaSequenceToken(result.Partition.Value, result.Offset.Value);
        _timestamp = result.Message.Timestamp.UtcDateTime;
        _headers = HeadersOf(result.Message.Headers);
        _value = payload is null ? result.Message.Value : null;
        _isJson = isJson;
        _payload = payload;
    }

    // A message with no key (from an outside producer) belongs to the stream with the empty key.
    [Id(3)]
    public StreamId StreamId { get; }

    public StreamSequenceToken SequenceToken => _token;

    /// <summary>The Kafka offset of the message.</summary>
    public long Offset => _token.SequenceNumber;

    /// <summary>Decodes a message; throws when its Orleans-format value is corrupt.</summary>
    public static KafkaBatchContainer From(ConsumeResult<byte[]?, byte[]?> result, Serializer<KafkaOrleansPayload> serializer)
    {
        var value = result.Message.Value;
        if (value is not null && KafkaMessageFormat.IsOrleansBinary(result.Message.Headers))
            return new KafkaBatchContainer(result, isJson: false, serializer.Deserialize(value));

        return new KafkaBatchContainer(result, isJson: value is not null && KafkaMessageFormat.IsJson(value), null);
    }

    /// <summary>
    /// Decodes a message, logging one that typed subscribers cannot read. A corrupt one comes back empty: no subscriber
    /// could ever take it, and passing it on lets its offset be committed instead of holding back the whole partition.
    /// </summary>
    public static KafkaBatchContainer Read(ConsumeResult<byte[]?, byte[]?> result, Serializer<KafkaOrleansPayload> serializer, ILogger logger)
    {
        try
        {
            var container = From(result, serializer);
            if (!container.IsReadable)
                logger.NotJsonMessage(result.Topic, result.Partition.Value, result.Offset.Value);
            return container;
        }
        catch (Exception ex)
        {
            logger.UnreadableMessage(ex, result.Topic, result.Partition.Value, result.Offset.Value);
            return Empty(result);
        }
    }

    /// <summary>A message that carries no event for typed subscribers: one skipped as unreadable.</summary>
    private static KafkaBatchContainer Empty(ConsumeResult<byte[]?, byte[]?> result) => new(result, isJson: false, null);

    /// <summary>Whether typed (JSON) subscribers can read it; raw subscribers always can.</summary>
    public bool IsReadable => _payload is not null || _isJson || _value is null;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        if (typeof(T) == typeof(KafkaRecord))
        {
            var key = System.Text.Encoding.UTF8.GetString(StreamId.Key.Span);
            var record = new KafkaRecord(StreamId.GetNamespace() ?? "", _token.Partition, Offset, key, _value ?? [], _timestamp,
                _headers ?? new Dictionary<string, string>());
            return [Tuple.Create((T)(object)record, (StreamSequenceToken)_token)];
        }

        if (_payload is not null)
        {
            return _payload.Events.OfType<T>().Select((item, index) => Tuple.Create(item, (StreamSequenceToken)_token.ForEvent(index)));
        }

        if (_value is null || !_isJson)
        {
            return [];
        }

        T? item;
        try
        {
            item = KafkaMessageFormat.FromJson<T>(_value);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new KafkaStreamingException($"Message at offset {Offset} of '{StreamId}' is not JSON of {typeof(T).Name}: {ex.Message}", ex);
        }

        return item is null ? [] : [Tuple.Create(item, (StreamSequenceToken)_token)];
    }

    private static Dictionary<string, string>? HeadersOf(Headers? headers)
    {
        if (headers is null || headers.Count == 0)
        {
            return null;
        }

        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var header in headers)
        {
            byName[header.Key] = System.Text.Encoding.UTF8.GetString(header.GetValueBytes() ?? []);
        }

        return byName;
    }

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
