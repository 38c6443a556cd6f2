namespace Grains.Content;

[GenerateSerializer, Alias("Content.UserCollectionsState")]
public sealed record UserCollectionsState
{
    /// <summary>
    /// Ascending by ordinal order. Ids are version 7 Guids, whose text sorts by creation time, so the
    /// newest are last.
    /// </summary>
    [Id(0)] public List<string> CollectionIds { get; init; } = [];
}
