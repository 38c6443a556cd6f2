namespace Grains.Streaming.Kafka;

/// <summary>
/// A Kafka message as it is, for subscribers that must see every message, readable or not (for example to
/// dead-letter what does not parse). Subscribe with this item type to receive it instead of parsed JSON.
/// </summary>
/// <param name="Key">The message key as UTF-8 text; empty for a message without a key.</param>
/// <param name="Value">The value bytes; empty for a tombstone.</param>
/// <param name="Headers">Headers as UTF-8 text; the last value wins for a repeated name.</param>
public sealed record KafkaRecord(
    string Topic,
    int Partition,
    long Offset,
    string Key,
    byte[] Value,
    DateTimeOffset Timestamp,
    IReadOnlyDictionary<string, string> Headers);
