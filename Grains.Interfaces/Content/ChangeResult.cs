namespace Grains.Interfaces.Content;

/// <summary>A grain's answer to a request: the resource after it, or why not.</summary>
/// <param name="Value">The resource as it is now when <see cref="Status"/> is <see cref="ChangeStatus.Ok"/>.</param>
/// <param name="Errors">Messages by snake_case field name when <see cref="Status"/> is <see cref="ChangeStatus.Invalid"/>.</param>
[GenerateSerializer, Immutable, Alias("Content.ChangeResult`1")]
public sealed record ChangeResult<T>(
    [property: Id(0)] ChangeStatus Status,
    [property: Id(1)] T? Value = null,
    [property: Id(2)] Dictionary<string, string[]>? Errors = null) where T : class
{
    public static ChangeResult<T> Ok(T? value) => new(ChangeStatus.Ok, Value: value);

    public static ChangeResult<T> Invalid(Dictionary<string, string[]> errors) => new(ChangeStatus.Invalid, Errors: errors);

    public static ChangeResult<T> Fail(ChangeStatus status) => new(status);
}
