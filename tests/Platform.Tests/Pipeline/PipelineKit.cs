using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Silo.Persistence;

namespace Platform.Tests.Pipeline;

/// <summary>Events to send and ways to look at what the pipeline made of them.</summary>
internal static class PipelineKit
{
    public static readonly TimeSpan Drain = TimeSpan.FromSeconds(60);

    public static JsonObject NewEvent(string userId, Guid? eventId = null) => new()
    {
        ["event_id"] = (eventId ?? Guid.NewGuid()).ToString(),
        ["event_type"] = "user_action",
        ["timestamp"] = "2024-01-01T00:00:00Z",
        ["user_id"] = userId,
        ["data"] = new JsonObject { ["action"] = "click", ["page"] = "/home" },
        ["metadata"] = new JsonObject { ["source"] = "web", ["version"] = "1.0" },
    };

    public static async Task<JsonElement> PostBatchAsync(HttpClient client, IEnumerable<JsonObject> events, HttpStatusCode expected = HttpStatusCode.Accepted)
    {
        var body = new JsonObject { ["batch"] = new JsonArray([.. events.Select(e => (JsonNode)e.DeepClone())]) };
        var response = await client.PostAsync("/api/events", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>The stored, enriched event, once the pipeline has stored it; <paramref name="client"/> must be allowed to see it.</summary>
    public static async Task<JsonElement> StoredAsync(HttpClient client, JsonObject sent)
    {
        var response = await Eventually.Until(() => client.GetAsync($"/api/events/{sent["event_id"]}"),
            r => r.StatusCode == HttpStatusCode.OK, Drain, "the event to be stored");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> StatsAsync(HttpClient client) =>
        await client.GetFromJsonAsync<JsonElement>("/api/pipeline/stats");

    public static long Count(this JsonElement stats, string name) => stats.GetProperty(name).GetInt64();

    /// <summary>Rows in the analytics store, read straight from the database.</summary>
    public static async Task<long> StoredRowsAsync(ApiFactory api)
    {
        await using DbConnection connection = api.Services.GetRequiredService<PlatformDatabase>().CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM analytics_events";
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public static Task WaitForStoredRowsAsync(ApiFactory api, long rows) =>
        Eventually.True(async () => await StoredRowsAsync(api) >= rows, Drain, () => $"{rows} stored rows");

    /// <summary>Waits until the counters stop moving and add up: accepted + replayed + recovered = stored + duplicates + dead_lettered.</summary>
    public static async Task<JsonElement> WaitForDrainedStatsAsync(HttpClient client)
    {
        JsonElement stats = default;
        await Eventually.True(async () =>
        {
            stats = await StatsAsync(client);
            return stats.Count("accepted") + stats.Count("replayed") + stats.Count("recovered")
                == stats.Count("stored") + stats.Count("duplicates") + stats.Count("dead_lettered");
        }, Drain, () => $"the counters to add up: {stats}");
        return stats;
    }
}
