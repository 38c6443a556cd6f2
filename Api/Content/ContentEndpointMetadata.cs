namespace Api.Content;

internal static class ContentEndpointMetadata
{
    /// <summary>Documents the problems every change of one resource may answer: unknown (or hidden) id and stale If-Match.</summary>
    public static RouteHandlerBuilder ProducesChangeProblems(this RouteHandlerBuilder builder) => builder
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
