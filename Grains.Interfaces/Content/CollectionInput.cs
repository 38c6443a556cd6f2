namespace Grains.Interfaces.Content;

/// <summary>The writable fields of a collection; its posts change only through add and remove.</summary>
[GenerateSerializer, Immutable, Alias("Content.CollectionInput")]
public sealed record CollectionInput
{
    [Id(0)] public string? Name { get; init; }
}
