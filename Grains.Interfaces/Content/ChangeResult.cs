namespace Grains.Interfaces.Content;

/// <summary>A grain's answer to a request: the resource after it, or why not.</summary>
[GenerateSerializer, Immutable, Alias("Content.ChangeResult`1")]
public sealed record ChangeResult<T> where T : class
{
    [Id(0)] public required ChangeStatus Status { get; init; }

    /// <summary>The resource as it is now when <see cref="Status"/> is <see cref="ChangeStatus.Ok"/>.</summary>
    [Id(1)] public T? Value { get; init; }

    /// <summary>Messages by snake_case field name when <see cref="Status"/> is <see cref="ChangeStatus.Invalid"/>.</summary>
    [Id(2)] public Dictionary<string, string[]>? Errors { get; init; }

    public static ChangeResult<T> Ok(T? value) => new() { Status = ChangeStatus.Ok, Value = value };

    public static ChangeResult<T> Invalid(Dictionary<string, string[]> errors) => new() { Status = ChangeStatus.Invalid, Errors = errors };

    public static ChangeResult<T> Fail(ChangeStatus status) => new() { Status = status };
}
