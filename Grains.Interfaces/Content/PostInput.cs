namespace Grains.Interfaces.Content;

/// <summary>
/// The writable fields of a post. Create and replace treat a missing title as an error and a missing
/// body as empty; a partial update leaves missing fields unchanged.
/// </summary>
[GenerateSerializer, Immutable, Alias("Content.PostInput")]
public sealed record PostInput(
    [property: Id(0)] string? Title = null,
    [property: Id(1)] string? Body = null);
