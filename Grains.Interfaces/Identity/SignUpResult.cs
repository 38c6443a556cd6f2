namespace Grains.Interfaces.Identity;

/// <summary>The answer to a signup; <see cref="Errors"/> (field → messages) is set when <see cref="Status"/> is <see cref="SignUpStatus.Invalid"/>.</summary>
[GenerateSerializer, Immutable, Alias("SignUpResult")]
public sealed record SignUpResult(
    [property: Id(0)] SignUpStatus Status,
    [property: Id(1)] IssuedLogin? Login = null,
    [property: Id(2)] Dictionary<string, string[]>? Errors = null);
