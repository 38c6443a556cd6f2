using System.Text.Json.Serialization;

namespace Grains.Interfaces.Notifications;

/// <summary>
/// One change, as subscribers receive it: <c>{type, resource_id, actor_id, at, data}</c>.
/// <paramref name="Data"/> is the changed resource as the HTTP API shows it.
/// </summary>
/// <param name="Audience">The only user who may receive it, or null when every subscriber may.</param>
[GenerateSerializer, Immutable, Alias("Notification")]
public sealed record Notification(
    [property: Id(0)] string Type,
    [property: Id(1)] string ResourceId,
    [property: Id(2)] string ActorId,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] object? Data,
    [property: Id(5), JsonIgnore] string? Audience)
{
    public bool IsVisibleTo(string? userId) => Audience is null || Audience == userId;
}
