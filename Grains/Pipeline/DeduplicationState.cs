namespace Grains.Pipeline;

[GenerateSerializer, Alias("DeduplicationState")]
public sealed class DeduplicationState
{
    /// <summary>The event ids seen for this key, with when they were first seen.</summary>
    [Id(0)] public Dictionary<Guid, DateTimeOffset> Seen { get; set; } = [];
}
