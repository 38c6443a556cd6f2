using Api.Http;
using Grains.Interfaces.Content;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Api.Content;

/// <summary>Words a grain's answer as HTTP: the resource, or a problem naming what went wrong.</summary>
internal static class ContentResults
{
    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> Changed<T>(ChangeResult<T> result, string noun) where T : class =>
        result.Status switch
        {
            ChangeStatus.Ok => TypedResults.Ok(result.Value!),
            ChangeStatus.Invalid => TypedResults.ValidationProblem(result.Errors!),
            _ => Problem(result.Status, noun),
        };

    public static Results<Created<T>, ValidationProblem, ProblemHttpResult> Created<T>(ChangeResult<T> result, string location, string noun) where T : class =>
        result.Status switch
        {
            ChangeStatus.Ok => TypedResults.Created(location, result.Value!),
            ChangeStatus.Invalid => TypedResults.ValidationProblem(result.Errors!),
            _ => Problem(result.Status, noun),
        };

    public static Results<NoContent, ProblemHttpResult> Deleted<T>(ChangeResult<T> result, string noun) where T : class =>
        result.Status == ChangeStatus.Ok ? TypedResults.NoContent() : Problem(result.Status, noun);

    public static Results<Ok<Page<T>>, ValidationProblem> Listed<T>(PageResult<T> result) =>
        result.Page is { } page ? TypedResults.Ok(page) : TypedResults.ValidationProblem(result.Errors!);

    public static ProblemHttpResult NotFound(string noun) => Problem(ChangeStatus.NotFound, noun);

    private static ProblemHttpResult Problem(ChangeStatus status, string noun) => status switch
    {
        ChangeStatus.NotFound => Problems.Of(StatusCodes.Status404NotFound, $"No {noun} has this id."),
        ChangeStatus.PostNotFound => Problems.Of(StatusCodes.Status404NotFound, "No post has this post_id."),
        ChangeStatus.Forbidden => Problems.Of(StatusCodes.Status403Forbidden, $"Only the author may change this {noun}."),
        ChangeStatus.VersionMismatch => Problems.Of(
            StatusCodes.Status412PreconditionFailed, $"The {noun} has changed since the version named in If-Match; read it again and retry."),
        ChangeStatus.Conflict => Problems.Of(StatusCodes.Status409Conflict, $"A {noun} with this id exists already."),
        _ => throw new InvalidOperationException($"No HTTP answer for {status}."),
    };
}
