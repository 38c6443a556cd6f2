using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Grains.Interfaces.Pipeline;
using Grains.Pipeline;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Api.Events;

public static class EventsApi
{
    public const int MaxBatch = 500;
    private const int DefaultListLimit = 50, MaxListLimit = 200;
    private static readonly Headers FromHttp = new() { { PipelineTopics.SourceHeader, Encoding.UTF8.GetBytes(PipelineTopics.SourceHttp) } };

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder endpoints)
    {
        var events = endpoints.MapGroup("/api/events").WithTags("Events");
        events.MapPost("", Ingest).WithName("IngestEvents").RequireRateLimiting(EventsRateLimiting.Policy)
            .WithSummary("Ingests one event or {\"batch\": [...]} of up to 500; answers once Kafka has the accepted ones.");
        events.MapGet("/{eventId}", GetStoredEvent).WithName("GetStoredEvent").WithSummary("The stored, enriched event.");

        var pipeline = endpoints.MapGroup("/api/pipeline").WithTags("Pipeline");
        pipeline.MapGet("/stats", GetStats).WithName("GetPipelineStats").WithSummary("Counters since the cluster started.");
        pipeline.MapGet("/dlq", ListDeadLetters).WithName("ListDeadLetters").WithSummary("Dead letters not replayed yet, oldest first.");
        pipeline.MapPost("/dlq/replay", ReplayDeadLetters).WithName("ReplayDeadLetters")
            .WithSummary("Sends every pending dead letter back through the pipeline.");
        return endpoints;
    }

    internal static async Task<Results<Accepted<IngestResponse>, ProblemHttpResult>> Ingest(
        JsonElement body, PipelineKafka kafka, PipelineCounters counters, CancellationToken cancellationToken)
    {
        if (ItemsOf(body) is not { } items)
            return Problem(StatusCodes.Status400BadRequest, "The body must be one event object or {\"batch\": [events]}.");
        if (items.Count is 0 or > MaxBatch)
            return Problem(StatusCodes.Status400BadRequest, $"A batch holds 1 to {MaxBatch} events; this one has {items.Count}.");

        var rejected = new List<RejectedEvent>();
        var writes = new List<(int Index, JsonElement Item, Task Write)>();
        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index];
            var errors = EventValidator.Validate(item);
            if (errors.Count > 0)
            {
                rejected.Add(new RejectedEvent(index, EventValidator.EventIdOf(item), errors));
                continue;
            }
            var value = Encoding.UTF8.GetBytes(item.GetRawText());
            writes.Add((index, item, kafka.ProduceAsync(PipelineTopics.Raw, item.GetProperty("user_id").GetString(), value, FromHttp, cancellationToken)));
        }

        try { await Task.WhenAll(writes.Select(w => w.Write)); }
        catch (Exception) { /* each failed write is reported below */ }

        foreach (var (index, item, write) in writes.Where(w => !w.Write.IsCompletedSuccessfully))
            rejected.Add(new RejectedEvent(index, EventValidator.EventIdOf(item),
                new Dictionary<string, string[]> { ["event"] = ["Kafka did not acknowledge the event; send it again."] }));

        var accepted = items.Count - rejected.Count;
        counters.Received(items.Count);
        counters.Accepted(accepted);
        counters.Rejected(rejected.Count);

        var response = new IngestResponse(accepted, [.. rejected.OrderBy(r => r.Index)]);
        if (accepted == 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No event was accepted",
                detail: "Every event of the request was rejected; see 'rejected'.",
                extensions: new Dictionary<string, object?> { ["accepted"] = 0, ["rejected"] = response.Rejected });
        return TypedResults.Accepted((string?)null, response);
    }

    internal static async Task<Results<ContentHttpResult, NotFound, ProblemHttpResult>> GetStoredEvent(
        string eventId, IAnalyticsStore store, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(eventId, "D", out var id))
            return Problem(StatusCodes.Status404NotFound, "No stored event has that id.");
        return await store.FindAsync(id, cancellationToken) is { } document
            ? TypedResults.Content(document, "application/json")
            : Problem(StatusCodes.Status404NotFound, "No stored event has that id (yet: events are stored moments after they are accepted).");
    }

    internal static async Task<Ok<PipelineCounts>> GetStats(PipelineCountersFlusher flusher, IGrainFactory grains)
    {
        // This node's own counts first, so a client reads what it just did.
        await flusher.FlushAsync();
        return TypedResults.Ok(await grains.GetGrain<IPipelineStatsGrain>(0).GetAsync());
    }

    internal static async Task<Ok<DeadLetterList>> ListDeadLetters(DeadLetterQueue queue, CancellationToken cancellationToken, int? limit = null)
    {
        var letters = await queue.ListAsync(Math.Clamp(limit ?? DefaultListLimit, 1, MaxListLimit), cancellationToken);
        return TypedResults.Ok(new DeadLetterList(letters));
    }

    internal static async Task<Ok<ReplayResponse>> ReplayDeadLetters(DeadLetterQueue queue, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ReplayResponse(await queue.ReplayAsync(cancellationToken)));

    private static List<JsonElement>? ItemsOf(JsonElement body) => body.ValueKind switch
    {
        JsonValueKind.Object when body.TryGetProperty("batch", out var batch) =>
            batch.ValueKind == JsonValueKind.Array ? [.. batch.EnumerateArray()] : null,
        JsonValueKind.Object => [body],
        _ => null,
    };

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(statusCode: status, detail: detail);
}

public sealed record DeadLetterList(IReadOnlyList<JsonObject> Items);

public sealed record ReplayResponse(int Replayed);
