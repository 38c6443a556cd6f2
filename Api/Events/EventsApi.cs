using System.Text.Json;
using System.Text.Json.Nodes;
using Api.Http;
using Api.Identity;
using Grains.Interfaces.Pipeline;
using Grains.Pipeline;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Silo.Hosting;
using Silo.Operations;

namespace Api.Events;

public static class EventsApi
{
    private const int DefaultListLimit = 50, MaxListLimit = 200;
    /// <summary>Kafka gave no acknowledgement within the bound: a broker back within seconds is the usual case.</summary>
    private static readonly TimeSpan NotWrittenRetryAfter = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder endpoints)
    {
        var events = endpoints.MapGroup("/api/events").WithTags("Events");
        events.MapPost("", Ingest).WithName("IngestEvents")
            .WithSummary("Ingests one event or {\"batch\": [...]} of up to 500; answers once Kafka has the accepted ones.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status503ServiceUnavailable)
            .RequireLimit(EventsRateLimiting.Policy);
        events.MapGet("/{eventId}", GetStoredEvent).WithName("GetStoredEvent")
            .WithSummary("The stored, enriched event: for an operator, or for the signed-in user whose id is its user_id.")
            .Produces<StoredEventDocument>(StatusCodes.Status200OK, "application/json")
            .ProducesProblems(StatusCodes.Status404NotFound);

        var pipeline = endpoints.MapGroup("/api/pipeline").WithTags("Pipeline");
        pipeline.MapGet("/stats", GetStats).WithName("GetPipelineStats").WithSummary("Counters since the cluster started.");
        // Dead letters hold users' events, and a replay writes to the pipeline: operators only.
        var deadLetters = pipeline.MapGroup("/dlq").RequireOperator();
        deadLetters.MapGet("", ListDeadLetters).WithName("ListDeadLetters").WithSummary("Dead letters not replayed yet, oldest first (operator).");
        deadLetters.MapPost("/replay", ReplayDeadLetters).WithName("ReplayDeadLetters")
            .WithSummary("Sends every pending dead letter back through the pipeline (operator).");
        pipeline.MapDelete("/users/{userId}/events", EraseUserEvents).WithName("EraseUserEvents")
            .WithSummary("Deletes every stored event whose user_id is this one, registered or not (operator).")
            .ProducesProblems(StatusCodes.Status400BadRequest)
            .RequireOperator();
        return endpoints;
    }

    internal static async Task<Results<Accepted<IngestResponse>, ProblemHttpResult>> Ingest(
        JsonElement body, EventIngestion ingestion, HttpResponse response, CancellationToken cancellationToken)
    {
        var outcome = await ingestion.IngestAsync(body, cancellationToken);
        switch (outcome.Status)
        {
            case IngestStatus.Malformed:
                return Problem(StatusCodes.Status400BadRequest, outcome.Detail!);
            case IngestStatus.Unavailable:
                response.Headers.RetryAfter = PlatformRateLimiter.RetryAfterSeconds(outcome.RetryAfter);
                return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not accepting events right now",
                    detail: $"{outcome.Detail} No event of the request was written; send it again after the Retry-After interval.");
            case IngestStatus.NotAllWritten:
                // Tracking clients retry a 5xx and drop events on a 4xx: this must be a 503. Resending the whole
                // request is safe, since what was written is recognised as a duplicate.
                response.Headers.RetryAfter = PlatformRateLimiter.RetryAfterSeconds(NotWrittenRetryAfter);
                return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Kafka did not acknowledge every event",
                    detail: $"{outcome.Written.Count} valid event(s) were written and {outcome.NotWritten.Count} were not. "
                        + "Send the whole request again: events already written are recognised as duplicates.",
                    extensions: new Dictionary<string, object?>
                    {
                        ["accepted"] = outcome.Written.Count,
                        ["written"] = outcome.Written,
                        ["not_written"] = outcome.NotWritten,
                        ["rejected"] = outcome.Rejected,
                    });
            case IngestStatus.NoneValid:
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No event was accepted",
                    detail: "Every event of the request was rejected; see 'rejected'.",
                    extensions: new Dictionary<string, object?> { ["accepted"] = 0, ["rejected"] = outcome.Rejected });
            default:
                return TypedResults.Accepted((string?)null, new IngestResponse(outcome.Written.Count, outcome.Rejected));
        }
    }

    /// <summary>Who may see a stored event is <see cref="StoredEvents"/>' rule; for anyone else it is missing (no existence leak).</summary>
    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetStoredEvent(
        string eventId, HttpContext context, StoredEvents storedEvents, CancellationToken cancellationToken)
    {
        var isOperator = (await context.AuthenticateAsync(OperatorAccess.Scheme)).Succeeded;
        return await storedEvents.FindAsync(eventId, context.User.FindUserId(), isOperator, cancellationToken) is { } document
            ? TypedResults.Content(document, "application/json")
            : Problem(StatusCodes.Status404NotFound, "No stored event with that id is visible to you (events are stored moments after they are accepted).");
    }

    internal static async Task<Results<Ok<ErasedEventsResponse>, ProblemHttpResult>> EraseUserEvents(
        string userId, StoredEvents storedEvents, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(userId) || userId.Length > EventValidator.MaxUserIdLength
            ? Problem(StatusCodes.Status400BadRequest, $"A user id has 1 to {EventValidator.MaxUserIdLength} characters.")
            : TypedResults.Ok(new ErasedEventsResponse(await storedEvents.EraseUserAsync(userId, cancellationToken)));

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

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(statusCode: status, detail: detail);
}

public sealed record DeadLetterList(IReadOnlyList<JsonObject> Items);

public sealed record ReplayResponse(int Replayed);
