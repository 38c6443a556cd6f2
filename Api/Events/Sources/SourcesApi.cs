using System.Text.RegularExpressions;
using Api.Http;
using Grains.Interfaces.Pipeline.Sources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Api.Events.Sources;

/// <summary><c>/api/pipeline/sources</c>: operators create, list, rotate and delete the sources that may send events.</summary>
public static class SourcesApi
{
    public static RouteGroupBuilder MapSourcesApi(this RouteGroupBuilder pipeline)
    {
        var sources = pipeline.MapGroup("/sources").RequireOperator();
        sources.MapPost("", Create).WithName("CreateEventSource")
            .WithSummary("A new source and its write key, shown only in this answer (operator).")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);
        sources.MapGet("", List).WithName("ListEventSources").WithSummary("Every source, write keys masked (operator).");
        sources.MapPost("/{id:guid}/rotate", Rotate).WithName("RotateEventSourceKey")
            .WithSummary("A new write key; the old one keeps working for Pipeline:WriteKeyGrace (operator).")
            .ProducesProblems(StatusCodes.Status404NotFound);
        sources.MapDelete("/{id:guid}", Delete).WithName("DeleteEventSource")
            .WithSummary("Deletes the source; its keys stop working at once (operator).")
            .ProducesProblems(StatusCodes.Status404NotFound);
        return pipeline;
    }

    internal static async Task<Results<Created<SourceDocument>, ProblemHttpResult>> Create(
        CreateSourceRequest request, IGrainFactory grains, IOptions<EventsRateLimitOptions> limits)
    {
        if (request.Name is null || !Regex.IsMatch(request.Name, SourceRequests.NamePattern))
            return Problems.Of(StatusCodes.Status400BadRequest, "A name is 1 to 64 of a-z, 0-9, '_', '.' and '-', starting with a letter or digit.");
        if (request.RateLimit is < 1 or > SourceRequests.MaxRateLimit)
            return Problems.Of(StatusCodes.Status400BadRequest, $"rate_limit is 1 to {SourceRequests.MaxRateLimit} requests per second.");
        var issued = await Registry(grains).CreateAsync(request.Name, request.RateLimit ?? limits.Value.PermitLimit);
        return issued is null
            ? Problems.Of(StatusCodes.Status409Conflict, $"A source named '{request.Name}' exists already.")
            : TypedResults.Created($"/api/pipeline/sources/{issued.Source.Id}", SourceDocument.Issued(issued));
    }

    internal static async Task<Ok<SourceList>> List(IGrainFactory grains) =>
        TypedResults.Ok(new SourceList([.. (await Registry(grains).ListAsync()).Select(SourceDocument.Masked)]));

    internal static async Task<Results<Ok<SourceDocument>, ProblemHttpResult>> Rotate(Guid id, IGrainFactory grains) =>
        await Registry(grains).RotateAsync(id) is { } issued
            ? TypedResults.Ok(SourceDocument.Issued(issued))
            : Problems.Of(StatusCodes.Status404NotFound, "No source with that id.");

    internal static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, IGrainFactory grains) =>
        await Registry(grains).DeleteAsync(id)
            ? TypedResults.NoContent()
            : Problems.Of(StatusCodes.Status404NotFound, "No source with that id.");

    private static IEventSourcesGrain Registry(IGrainFactory grains) => grains.GetGrain<IEventSourcesGrain>(0);

}
