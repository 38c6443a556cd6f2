namespace Grains.Interfaces.Notifications;

/// <summary>
/// One change as its feed keeps it: <see cref="Sequence"/> orders it within <see cref="Feed"/> (see
/// <see cref="NotificationFeeds"/>); <see cref="Data"/> is the changed resource as the HTTP API shows it, already JSON,
/// so the feed stores it, and every node sends it, without serializing it again.
/// </summary>
/// <param name="Version">The resource's version the change made (for a delete, its last one).</param>
[GenerateSerializer, Immutable, Alias("Notification")]
public sealed record Notification(
    [property: Id(0)] string Feed,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string Type,
    [property: Id(3)] string ResourceId,
    [property: Id(4)] string ActorId,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] int Version,
    [property: Id(7)] byte[] Data)
{
    public bool IsVisibleTo(string? userId) => Feed == NotificationFeeds.Public || Feed == userId;

    /// <summary>What makes two appends the same change: a repeated write appends nothing new. A method, so that storage does not keep it.</summary>
    public NotificationKey ChangeKey() => new(Type, ResourceId, Version);
}

/// <summary>A change, named by what it did to which version of which resource.</summary>
public readonly record struct NotificationKey(string Type, string ResourceId, int Version);
