namespace Grains.Pipeline;

[GenerateSerializer, Alias("DeduplicationState")]
public sealed class DeduplicationState
{
    /// <summary>
    /// The seen-set as it was kept before segments (the whole set rewritten by every flush). Read once, moved into
    /// segments, and written empty from then on.
    /// </summary>
    [Id(0)] public Dictionary<Guid, DateTimeOffset> Seen { get; set; } = [];

    /// <summary>
    /// The last raw-topic offset processed, by partition. Kafka redelivers what was processed but not yet
    /// committed when a silo stops; those are recognised here and neither processed nor counted again.
    /// </summary>
    [Id(1)] public Dictionary<int, long> LastOffsets { get; set; } = [];

    /// <summary>The storage slots of the seen-set's segments, oldest first (see <see cref="SeenSet"/>).</summary>
    [Id(2)] public List<int> SeenSegments { get; set; } = [];
}

/// <summary>One segment of a key's seen-set: 24 bytes per id (the id, then when it was first seen in UTC ticks).</summary>
[GenerateSerializer, Alias("SeenSegmentState")]
public sealed class SeenSegmentState
{
    [Id(0)] public byte[] Entries { get; set; } = [];
}
