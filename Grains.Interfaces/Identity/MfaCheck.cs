namespace Grains.Interfaces.Identity;

[GenerateSerializer, Immutable, Alias("MfaCheck")]
public sealed record MfaCheck(
    [property: Id(0)] MfaCheckStatus Status,
    [property: Id(1)] TimeSpan? RetryAfter = null);
