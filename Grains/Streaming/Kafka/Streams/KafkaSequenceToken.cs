using System.Globalization;
using Orleans.Streams;

namespace Grains.Streaming.Kafka.Streams;

/// <summary>
/// Where a message is in Kafka: its partition and offset, and for an Orleans-format message carrying several events,
/// the event's place in it. A subscriber that keeps the token of the last event it processed can resume from it later,
/// after a restart included: the provider re-reads from Kafka whatever its cache no longer holds (see
/// <see cref="KafkaRewindCursor"/>). Tokens of one partition order by offset, then by event.
/// </summary>
[GenerateSerializer, Immutable, Alias("KafkaSequenceToken")]
public sealed class KafkaSequenceToken : StreamSequenceToken
{
    public KafkaSequenceToken(int partition, long offset, int eventIndex = 0)
    {
        Partition = partition;
        SequenceNumber = offset;
        EventIndex = eventIndex;
    }

    [Id(0)] public int Partition { get; private set; }

    /// <summary>The message's offset in its partition.</summary>
    [Id(1)] public override long SequenceNumber { get; protected set; }

    [Id(2)] public override int EventIndex { get; protected set; }

    public long Offset => SequenceNumber;

    public KafkaSequenceToken ForEvent(int eventIndex) => new(Partition, SequenceNumber, eventIndex);

    public override bool Equals(StreamSequenceToken? other) =>
        other is KafkaSequenceToken token && token.Partition == Partition && token.SequenceNumber == SequenceNumber && token.EventIndex == EventIndex;

    public override bool Equals(object? obj) => Equals(obj as StreamSequenceToken);

    public override int GetHashCode() => HashCode.Combine(Partition, SequenceNumber, EventIndex);

    /// <summary>By offset, then event, as the cache orders a partition's messages; the partition only breaks ties.</summary>
    public override int CompareTo(StreamSequenceToken? other)
    {
        if (other is null) return 1;
        if (SequenceNumber != other.SequenceNumber) return SequenceNumber.CompareTo(other.SequenceNumber);
        if (EventIndex != other.EventIndex) return EventIndex.CompareTo(other.EventIndex);
        return other is KafkaSequenceToken token ? Partition.CompareTo(token.Partition) : 0;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[partition {Partition}, offset {SequenceNumber}, event {EventIndex}]");
}
