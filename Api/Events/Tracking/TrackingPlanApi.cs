using System.Text.Json.Nodes;
using Api.Http;
using Grains.Interfaces.Pipeline;
using Grains.Interfaces.Pipeline.Tracking;
using Grains.Pipeline.Tracking;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Api.Events.Tracking;

/// <summary>
/// <c>/api/pipeline/tracking-plan</c>: operators give an event type a JSON Schema (2020-12) for its <c>data</c>, and
/// say what an event that breaks it gets: <c>reject</c> (refused itemised at ingestion, dead-lettered when written
/// straight to Kafka) or <c>flag</c> (kept, with <c>violations</c> on the stored event).
/// </summary>
public static class TrackingPlanApi
{
    public static RouteGroupBuilder MapTrackingPlanApi(this RouteGroupBuilder pipeline)
    {
        var plan = pipeline.MapGroup("/tracking-plan").RequireOperator();
        plan.MapGet("", List).WithName("ListTrackingPlan").WithSummary("Every event type's schema and mode (operator).");
        plan.MapPut("/{eventType}", Set).WithName("SetTrackingPlanEntry")
            .WithSummary("Sets the JSON Schema (2020-12) of an event type's data and what breaking it gets: reject or flag (operator).")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        plan.MapDelete("/{eventType}", Remove).WithName("RemoveTrackingPlanEntry")
            .WithSummary("Removes an event type from the plan (operator).")
            .ProducesProblems(StatusCodes.Status404NotFound);
        return pipeline;
    }

    internal static async Task<Results<Ok<TrackingPlanDocument>, ValidationProblem, ProblemHttpResult>> Set(
        string eventType, TrackingPlanRequest request, IGrainFactory grains, TrackingPlans plans)
    {
        if (!EventValidator.IsEventType(eventType))
            return Problems.Of(StatusCodes.Status400BadRequest, "An event type matches ^[a-z][a-z0-9_.]{0,63}$.");
        var errors = new Dictionary<string, string[]>();
        if (TrackingSchemas.ProblemsOf(request.Schema) is { Length: > 0 } problems)
            errors["schema"] = problems;
        TrackingMode? mode = request.Mode switch { "reject" => TrackingMode.Reject, "flag" => TrackingMode.Flag, _ => null };
        if (mode is null)
            errors["mode"] = ["Must be \"reject\" or \"flag\"."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, detail: "The plan entry was not changed.");

        var entry = await Plan(grains).SetAsync(eventType, request.Schema!.ToJsonString(), mode!.Value);
        plans.Invalidate();
        return TypedResults.Ok(TrackingPlanDocument.Of(entry));
    }

    internal static async Task<Ok<TrackingPlanList>> List(IGrainFactory grains) =>
        TypedResults.Ok(new TrackingPlanList([.. (await Plan(grains).GetAsync()).Entries.Select(TrackingPlanDocument.Of)]));

    internal static async Task<Results<NoContent, ProblemHttpResult>> Remove(string eventType, IGrainFactory grains, TrackingPlans plans)
    {
        if (!await Plan(grains).RemoveAsync(eventType))
            return Problems.Of(StatusCodes.Status404NotFound, "That event type has no schema in the plan.");
        plans.Invalidate();
        return TypedResults.NoContent();
    }

    private static ITrackingPlanGrain Plan(IGrainFactory grains) => grains.GetGrain<ITrackingPlanGrain>(0);
}

/// <summary>Body of <c>PUT /api/pipeline/tracking-plan/{event_type}</c>.</summary>
/// <param name="Schema">A JSON Schema (2020-12) for the event's <c>data</c>.</param>
/// <param name="Mode"><c>reject</c> or <c>flag</c>.</param>
public sealed record TrackingPlanRequest(JsonNode? Schema, string? Mode);

public sealed record TrackingPlanDocument(string EventType, JsonNode? Schema, string Mode, DateTimeOffset UpdatedAt)
{
    public static TrackingPlanDocument Of(TrackingPlanEntry entry) =>
        new(entry.EventType, JsonNode.Parse(entry.Schema), entry.Mode == TrackingMode.Reject ? "reject" : "flag", entry.UpdatedAt);
}

public sealed record TrackingPlanList(IReadOnlyList<TrackingPlanDocument> Items);
