namespace Grains.Interfaces.Identity;

[GenerateSerializer, Immutable, Alias("PasswordChangeResult")]
public sealed record PasswordChangeResult(
    [property: Id(0)] PasswordChangeStatus Status,
    [property: Id(1)] Dictionary<string, string[]>? Errors = null,
    [property: Id(2)] TimeSpan? RetryAfter = null);
