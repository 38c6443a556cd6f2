using System.Text.Json;
using System.Text.Json.Nodes;
using Api.Events.Sources;
using Api.Events.Tracking;
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
            .Accepts<JsonElement>("application/json")
            .WithSummary("Ingests one event or {\"batch\": [...]} of up to 500; answers once Kafka has the accepted ones. "
                + "A source's write key goes in X-Write-Key or as the user name of HTTP basic.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status413PayloadTooLarge,
                StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status503ServiceUnavailable)
            .TakesWriteKey()
            .RequireLimit(EventsRateLimiting.Policy);
        events.MapGet("/{eventId}", GetStoredEvent).WithName("GetStoredEvent")
            .WithSummary("The stored, enriched event: for an operator, or for the signed-in user whose id is its user_id.")
            .Produces<StoredEventDocument>(StatusCodes.Status200OK, "application/json")
            .ProducesProblems(StatusCodes.Status404NotFound);

        var pipeline = endpoints.MapGroup("/api/pipeline").WithTags("Pipeline");
        pipeline.MapSourcesApi();
        pipeline.MapTrackingPlanApi();
        pipeline.MapGet("/stats", GetStats).WithName("GetPipelineStats").WithSummary("Counters since the cluster started.");
        // Dead letters hold users' events, and a replay writes to the pipeline: operators only.
        var deadLetters = pipeline.MapGroup("/dlq").RequireOperator();
        deadLetters.MapGet("", ListDeadLetters).WithName("ListDeadLetters").WithSummary("Dead letters not replayed yet, oldest first (operator).");
        deadLetters.MapPost("/replay", ReplayDeadLetters).WithName("ReplayDeadLetters")
            .WithSummary("Sends pending dead letters back through the pipeline: all, or those matching reason, key and a time "
                + "range; a dry run only counts them (operator).")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        pipeline.MapDelete("/users/{userId}/events", EraseUserEvents).WithName("EraseUserEvents")
            .WithSummary("Deletes every stored event whose user_id is this one, registered or not (operator).")
            .ProducesProblems(StatusCodes.Status400BadRequest)
            .RequireOperator();
        return endpoints;
    }

    /// <summary>
    /// The body parsed into pooled buffers that go back when the request ends. Bound as a <see cref="JsonElement"/>
    /// instead, a batch was copied whole into arrays above the large-object threshold, two per request, and those
    /// drove the embedded platform's full collections under load (docs/benchmarks.md, "Twenty-first").
    /// </summary>
    private static async Task<JsonDocument> ReadBodyAsync(HttpContext context, CancellationToken cancellationToken)
    {
        // Routing refuses another content type (Accepts); a request that names none gets here, and is refused as well.
        if (!context.Request.HasJsonContentType())
            throw new BadHttpRequestException("The body must be JSON, sent as Content-Type: application/json.", StatusCodes.Status415UnsupportedMediaType);
        try
        {
            var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
            context.Response.RegisterForDispose(document);
            return document;
        }
        catch (JsonException exception)
        {
            throw new BadHttpRequestException($"The body is not valid JSON: {exception.Message}", StatusCodes.Status400BadRequest, exception);
        }
    }

    internal static async Task<Results<Accepted<IngestResponse>, ProblemHttpResult>> Ingest(
        EventIngestion ingestion, HttpContext context, WriteKeyRequirement requirement, CancellationToken cancellationToken)
    {
        var body = (await ReadBodyAsync(context, cancellationToken)).RootElement;
        var response = context.Response;
        var presented = context.Features.Get<EventSourceFeature>();
        if (presented is { Source: null } || (presented is null && requirement.IsRequired))
        {
            response.Headers.WWWAuthenticate = "Basic realm=\"events\"";
            return Problems.Of(StatusCodes.Status401Unauthorized, presented is null
                ? $"Events need a source's write key: send it as {WriteKeyResolution.Header} or as the user name of HTTP basic."
                : "That write key does not work: it is unknown, its source was deleted, or it was rotated longer ago than the grace period.");
        }
        var outcome = await ingestion.IngestAsync(body, presented?.Source, context.User.FindUserId()?.ToString(), cancellationToken);
        switch (outcome.Status)
        {
            case IngestStatus.Malformed:
                return Problems.Of(StatusCodes.Status400BadRequest, outcome.Detail!);
            case IngestStatus.Unavailable:
                response.Headers.RetryAfter = PlatformRateLimiter.RetryAfterSeconds(outcome.RetryAfter);
                return Problems.Of(StatusCodes.Status503ServiceUnavailable, $"{outcome.Detail} No event of the request was written; send it again after the Retry-After interval.", title: "Not accepting events right now");
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
            : Problems.Of(StatusCodes.Status404NotFound, "No stored event with that id is visible to you (events are stored moments after they are accepted).");
    }

    internal static async Task<Results<Ok<ErasedEventsResponse>, ProblemHttpResult>> EraseUserEvents(
        string userId, StoredEvents storedEvents, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(userId) || userId.Length > EventValidator.MaxUserIdLength
            ? Problems.Of(StatusCodes.Status400BadRequest, $"A user id has 1 to {EventValidator.MaxUserIdLength} characters.")
            : TypedResults.Ok(new ErasedEventsResponse(await storedEvents.EraseUserAsync(userId, cancellationToken)));

    internal static async Task<Ok<PipelineStats>> GetStats(PipelineCountersFlusher flusher) =>
        TypedResults.Ok(await flusher.ReadClusterStatsAsync());

    internal static async Task<Ok<DeadLetterList>> ListDeadLetters(DeadLetterQueue queue, CancellationToken cancellationToken, int? limit = null)
    {
        var letters = await queue.ListAsync(Math.Clamp(limit ?? DefaultListLimit, 1, MaxListLimit), cancellationToken);
        return TypedResults.Ok(new DeadLetterList(letters));
    }

    internal static async Task<Results<Ok<ReplayOutcome>, ProblemHttpResult>> ReplayDeadLetters(
        DeadLetterQueue queue, CancellationToken cancellationToken, ReplayRequest? request = null)
    {
        request ??= new ReplayRequest();
        if (request.From >= request.To)
            return Problems.Of(StatusCodes.Status400BadRequest, "'from' must be earlier than 'to'.");
        var filter = new DeadLetterFilter(request.Reason, request.Key, request.From, request.To);
        return TypedResults.Ok(await queue.ReplayAsync(filter, request.DryRun ?? false, cancellationToken));
    }

}

public sealed record DeadLetterList(IReadOnlyList<JsonObject> Items);

/// <summary>Body of a dead-letter replay; every part is optional (none replays every pending letter).</summary>
/// <param name="Reason">Found anywhere in the letter's reason, ignoring case.</param>
/// <param name="Key">The letter's Kafka key (the user_id it was written under), exactly.</param>
/// <param name="From">Dead-lettered at or after.</param>
/// <param name="To">Dead-lettered before.</param>
/// <param name="DryRun">Count what matches, replay nothing.</param>
public sealed record ReplayRequest(string? Reason = null, string? Key = null, DateTimeOffset? From = null, DateTimeOffset? To = null, bool? DryRun = null);
