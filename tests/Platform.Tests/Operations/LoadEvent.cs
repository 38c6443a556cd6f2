using System.Text.Json.Serialization;

namespace Platform.Tests.Operations;

/// <summary>One event of the contract's shape, as the load sends it.</summary>
public sealed record LoadEvent(
    [property: JsonPropertyName("event_id")] Guid EventId,
    [property: JsonPropertyName("event_type")] string EventType,
    [property: JsonPropertyName("timestamp")] DateTime Timestamp,
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("data")] Dictionary<string, object> Data,
    [property: JsonPropertyName("metadata")] Dictionary<string, object> Metadata)
{
    /// <summary>The same id always gets the same user: a duplicate must reach the same dedup key.</summary>
    public static LoadEvent For(Guid id, string[] users) => new(
        id, "user_action", DateTime.UtcNow, users[(int)((uint)id.GetHashCode() % users.Length)],
        new() { ["action"] = "click" }, new() { ["source"] = "load", ["version"] = "1" });
}
