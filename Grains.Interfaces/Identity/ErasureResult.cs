namespace Grains.Interfaces.Identity;

[GenerateSerializer, Immutable, Alias("ErasureResult")]
public sealed record ErasureResult(
    [property: Id(0)] ErasureStatus Status,
    [property: Id(1)] TimeSpan? RetryAfter = null);
