namespace Grains.Pipeline;

[GenerateSerializer, Alias("DeduplicationState")]
public sealed class DeduplicationState
{
    /// <summary>The event ids seen for this key, with when they were first seen.</summary>
    [Id(0)] public Dictionary<Guid, DateTimeOffset> Seen { get; set; } = [];

    /// <summary>
    /// The last raw-topic offset processed, by partition. Kafka redelivers what was processed but not yet
    /// committed when a silo stops; those are recognised here and neither processed nor counted again.
    /// </summary>
    [Id(1)] public Dictionary<int, long> LastOffsets { get; set; } = [];
}
