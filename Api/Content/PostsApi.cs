using System.Security.Claims;
using Api.Http;
using Api.Identity;
using Grains.Interfaces.Content;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Api.Content;

public static class PostsApi
{
    private const string Noun = "post";

    public static RouteGroupBuilder MapPostsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/posts").WithTags("Posts").AddEndpointFilter<ETagFilter>();

        api.MapGet("", ListPosts).WithName(nameof(ListPosts)).WithSummary("List posts, newest first");
        api.MapPost("", CreatePost).WithName(nameof(CreatePost)).WithSummary("Create a post")
            .RequireSignIn();
        api.MapGet("{id:guid}", GetPost).WithName(nameof(GetPost)).WithSummary("Get a post")
            .ProducesProblems(StatusCodes.Status404NotFound);
        api.MapPut("{id:guid}", ReplacePost).WithName(nameof(ReplacePost)).WithSummary("Replace a post's title and body (author only)")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed, StatusCodes.Status403Forbidden).RequireSignIn();
        api.MapPatch("{id:guid}", UpdatePost).WithName(nameof(UpdatePost)).WithSummary("Change some fields of a post (author only)")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed, StatusCodes.Status403Forbidden).RequireSignIn();
        api.MapDelete("{id:guid}", DeletePost).WithName(nameof(DeletePost)).WithSummary("Delete a post (author only)")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed, StatusCodes.Status403Forbidden).RequireSignIn();
        return api;
    }

    public static async Task<Results<Ok<Page<Post>>, ValidationProblem>> ListPosts([AsParameters] PageQuery query, IGrainFactory grains) =>
        ContentResults.Listed(await grains.GetGrain<IPostListingGrain>(0).ListAsync(query.ToRequest()));

    public static async Task<Results<Created<Post>, ValidationProblem, ProblemHttpResult>> CreatePost(
        PostInput input, ClaimsPrincipal user, IGrainFactory grains)
    {
        var id = Guid.CreateVersion7().ToString();
        var result = await grains.GetGrain<IPostGrain>(id).CreateAsync(user.UserId(), input);
        return ContentResults.Created(result, $"/api/posts/{id}", Noun);
    }

    public static async Task<Results<Ok<Post>, ProblemHttpResult>> GetPost([AsParameters] ResourceRequest request) =>
        await request.Grains.GetGrain<IPostGrain>(request.Key()).GetAsync() is { } post
            ? TypedResults.Ok(post)
            : ContentResults.NotFound(Noun);

    public static async Task<Results<Ok<Post>, ValidationProblem, ProblemHttpResult>> ReplacePost(
        [AsParameters] ResourceRequest request, PostInput input) =>
        ContentResults.Changed(await Grain(request).ReplaceAsync(request.CallerId(), input, request.IfMatch()), Noun);

    public static async Task<Results<Ok<Post>, ValidationProblem, ProblemHttpResult>> UpdatePost(
        [AsParameters] ResourceRequest request, PostInput input) =>
        ContentResults.Changed(await Grain(request).UpdateAsync(request.CallerId(), input, request.IfMatch()), Noun);

    public static async Task<Results<NoContent, ProblemHttpResult>> DeletePost([AsParameters] ResourceRequest request) =>
        ContentResults.Deleted(await Grain(request).DeleteAsync(request.CallerId(), request.IfMatch()), Noun);

    private static IPostGrain Grain(ResourceRequest request) => request.Grains.GetGrain<IPostGrain>(request.Key());
}
