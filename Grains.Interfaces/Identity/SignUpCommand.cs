namespace Grains.Interfaces.Identity;

/// <summary>A signup as the client sent it; the accounts grain validates every field.</summary>
[GenerateSerializer, Immutable, Alias("SignUpCommand")]
public sealed record SignUpCommand(
    [property: Id(0)] string? Email,
    [property: Id(1)] string? Password,
    [property: Id(2)] string? FullName);
