namespace Grains.Content;

[GenerateSerializer, Alias("Content.CollectionState")]
public sealed record CollectionState
{
    [Id(0)] public string Name { get; init; } = "";
    [Id(1)] public Guid OwnerId { get; init; }

    /// <summary>In the order they were added; collections are small enough for a list.</summary>
    [Id(2)] public List<string> PostIds { get; init; } = [];

    [Id(3)] public DateTimeOffset CreatedAt { get; init; }
    [Id(4)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(5)] public int Version { get; init; }

    /// <summary>The notification type of the change that made <see cref="Version"/>, and who made it: so a repeat of that change can make sure its notification is in the feed.</summary>
    [Id(6)] public string? LastChange { get; init; }
    [Id(7)] public Guid LastActorId { get; init; }
}
