using System.Security.Claims;
using Api.Http;
using Api.Identity;
using Grains.Interfaces.Content;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Api.Content;

/// <summary>Collections are private: every route needs a signed-in caller, and others' collections answer 404.</summary>
public static class CollectionsApi
{
    private const string Noun = "collection";

    public static RouteGroupBuilder MapCollectionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/collections").WithTags("Collections").AddEndpointFilter<ETagFilter>()
            .RequireSignIn();

        api.MapGet("", ListCollections).WithName(nameof(ListCollections)).WithSummary("List the caller's collections, newest first");
        api.MapPost("", CreateCollection).WithName(nameof(CreateCollection)).WithSummary("Create a collection");
        api.MapGet("{id:guid}", GetCollection).WithName(nameof(GetCollection)).WithSummary("Get one of the caller's collections")
            .ProducesProblems(StatusCodes.Status404NotFound);
        api.MapPut("{id:guid}", ReplaceCollection).WithName(nameof(ReplaceCollection)).WithSummary("Rename a collection")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed);
        api.MapPatch("{id:guid}", UpdateCollection).WithName(nameof(UpdateCollection)).WithSummary("Change some fields of a collection")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed);
        api.MapDelete("{id:guid}", DeleteCollection).WithName(nameof(DeleteCollection)).WithSummary("Delete a collection")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed);
        api.MapPost("{id:guid}/add_post", AddPost).WithName(nameof(AddPost)).WithSummary("Add a post to a collection (idempotent)")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed);
        api.MapPost("{id:guid}/remove_post", RemovePost).WithName(nameof(RemovePost)).WithSummary("Remove a post from a collection (idempotent)")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed);
        return api;
    }

    public static async Task<Results<Ok<Page<Collection>>, ValidationProblem>> ListCollections(
        [AsParameters] PageQuery query, ClaimsPrincipal user, IGrainFactory grains) =>
        ContentResults.Listed(await grains.GetGrain<ICollectionListingGrain>(0).ListAsync(user.UserId(), query.ToRequest()));

    public static async Task<Results<Created<Collection>, ValidationProblem, ProblemHttpResult>> CreateCollection(
        CollectionInput input, ClaimsPrincipal user, IGrainFactory grains)
    {
        var id = Guid.CreateVersion7().ToString();
        var result = await grains.GetGrain<ICollectionGrain>(id).CreateAsync(user.UserId(), input);
        return ContentResults.Created(result, $"/api/collections/{id}", Noun);
    }

    public static async Task<Results<Ok<Collection>, ProblemHttpResult>> GetCollection([AsParameters] ResourceRequest request) =>
        await Grain(request).GetAsync(request.CallerId()) is { } collection
            ? TypedResults.Ok(collection)
            : ContentResults.NotFound(Noun);

    public static async Task<Results<Ok<Collection>, ValidationProblem, ProblemHttpResult>> ReplaceCollection(
        [AsParameters] ResourceRequest request, CollectionInput input) =>
        ContentResults.Changed(await Grain(request).ReplaceAsync(request.CallerId(), input, request.IfMatch()), Noun);

    public static async Task<Results<Ok<Collection>, ValidationProblem, ProblemHttpResult>> UpdateCollection(
        [AsParameters] ResourceRequest request, CollectionInput input) =>
        ContentResults.Changed(await Grain(request).UpdateAsync(request.CallerId(), input, request.IfMatch()), Noun);

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteCollection([AsParameters] ResourceRequest request) =>
        ContentResults.Deleted(await Grain(request).DeleteAsync(request.CallerId(), request.IfMatch()), Noun);

    public static async Task<Results<Ok<Collection>, ValidationProblem, ProblemHttpResult>> AddPost(
        [AsParameters] ResourceRequest request, PostReference body) =>
        ContentResults.Changed(await Grain(request).AddPostAsync(request.CallerId(), body.Key(), request.IfMatch()), Noun);

    public static async Task<Results<Ok<Collection>, ValidationProblem, ProblemHttpResult>> RemovePost(
        [AsParameters] ResourceRequest request, PostReference body) =>
        ContentResults.Changed(await Grain(request).RemovePostAsync(request.CallerId(), body.Key(), request.IfMatch()), Noun);

    private static ICollectionGrain Grain(ResourceRequest request) => request.Grains.GetGrain<ICollectionGrain>(request.Key());
}
