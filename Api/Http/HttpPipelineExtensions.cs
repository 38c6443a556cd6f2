using Silo.Operations;
namespace Api.Http;

public static class HttpPipelineExtensions
{
    /// <summary>The API reference page's path (Scalar).</summary>
    public const string ReferencePagePath = "/scalar";

    /// <summary>
    /// Pages served at "/page/" that redirect "/page" there and load their scripts relative to it (the dashboard and
    /// the reference page): trimming their slash would send the browser round in redirects.
    /// </summary>
    private static readonly string[] PagesAtTheirFolder = [OperationsEndpoints.DashboardPath, ReferencePagePath];

    /// <summary>
    /// Routes are declared without a trailing slash; the original platform's clients send one
    /// (<c>/api/posts/</c>). Trimming it before routing makes both spellings reach one endpoint.
    /// </summary>
    public static IApplicationBuilder UseTrailingSlashTolerance(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var path = context.Request.Path.Value;
        if (path is { Length: > 1 } && path[^1] == '/' && !PagesAtTheirFolder.Any(p => context.Request.Path.StartsWithSegments(p)))
            context.Request.Path = new PathString(path.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/");
        return next(context);
    });

    /// <summary>
    /// Refuses a declared body over the limit before anything reads it. Kestrel enforces the same limit on
    /// bodies of unknown length while they are read (see <see cref="HttpLimits"/>).
    /// </summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.ContentLength > HttpLimits.MaxRequestBodyBytes)
        {
            throw new BadHttpRequestException(
                $"The request body is larger than the limit of {HttpLimits.MaxRequestBodyBytes} bytes.",
                StatusCodes.Status413PayloadTooLarge);
        }

        return next(context);
    });
}
