namespace Grains.Interfaces.Content;

/// <summary>The writable fields of a collection; its posts change only through add and remove.</summary>
[GenerateSerializer, Immutable, Alias("Content.CollectionInput")]
public sealed record CollectionInput(
    [property: Id(0)] string? Name = null);
