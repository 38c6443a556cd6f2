namespace Api.Content;

public static class ContentApi
{
    /// <summary>Maps the posts and collections routes of the contract.</summary>
    public static IEndpointRouteBuilder MapContentApi(this IEndpointRouteBuilder app)
    {
        app.MapPostsApi();
        app.MapCollectionsApi();
        return app;
    }
}
