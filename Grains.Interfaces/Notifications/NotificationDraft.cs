using System.Text.Json;

namespace Grains.Interfaces.Notifications;

/// <summary>A change on its way into its feed, which gives it its sequence number and time.</summary>
[GenerateSerializer, Immutable, Alias("NotificationDraft")]
public sealed record NotificationDraft(
    [property: Id(0)] string Type,
    [property: Id(1)] string ResourceId,
    [property: Id(2)] string ActorId,
    [property: Id(3)] int Version,
    [property: Id(4)] byte[] Data)
{
    /// <summary>The HTTP API's JSON conventions (ASP.NET Core's web defaults, snake_case names).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static NotificationDraft Of<T>(string type, string resourceId, Guid actorId, int version, T data) =>
        new(type, resourceId, actorId.ToString(), version, JsonSerializer.SerializeToUtf8Bytes(data, Json));

    public NotificationKey ChangeKey() => new(Type, ResourceId, Version);
}
