namespace Grains.Interfaces.Pipeline;

/// <summary>Where a message sits in the raw topic. The same position seen twice is a redelivery, not a duplicate.</summary>
[GenerateSerializer, Immutable, Alias("MessagePosition")]
public readonly record struct MessagePosition([property: Id(0)] int Partition, [property: Id(1)] long Offset);
