using System.Collections.Frozen;
using System.Security.Cryptography;

namespace Api.PipelineConsole;

/// <summary>
/// The console's page, script and stylesheet, embedded in this assembly: nothing to deploy beside it, nothing loaded
/// from elsewhere. The page forbids every other origin (<see cref="ContentSecurityPolicy"/>) and being framed.
/// </summary>
internal static class ConsoleAssets
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, EmbeddedAsset> Assets = new Dictionary<string, EmbeddedAsset>
    {
        ["console.html"] = Load("console.html", "text/html; charset=utf-8"),
        ["console.js"] = Load("console.js", "text/javascript; charset=utf-8"),
        ["console.css"] = Load("console.css", "text/css; charset=utf-8"),
    }.ToFrozenDictionary();

    public static IResult Page(HttpContext context) => Serve(context, Assets["console.html"]);

    public static IResult Asset(HttpContext context, string name) =>
        name != "console.html" && Assets.TryGetValue(name, out var asset) ? Serve(context, asset) : TypedResults.NotFound();

    private static IResult Serve(HttpContext context, EmbeddedAsset asset)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        // Operator-only: no shared cache keeps it; the browser asks again and gets 304 while it is unchanged.
        headers.CacheControl = "private, no-cache";
        headers.ETag = asset.ETag;
        if (context.Request.Headers.IfNoneMatch == asset.ETag)
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Bytes(asset.Content, asset.ContentType);
    }

    private static EmbeddedAsset Load(string name, string contentType)
    {
        using var stream = typeof(ConsoleAssets).Assembly.GetManifestResourceStream($"Api.PipelineConsole.Assets.{name}")
            ?? throw new InvalidOperationException($"The console's {name} is not embedded in the Api assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var content = copy.ToArray();
        return new EmbeddedAsset(content, contentType, $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
    }

    private sealed record EmbeddedAsset(byte[] Content, string ContentType, string ETag);
}
