using System.Net.Http.Headers;
using Api.Http;
using Grains.Interfaces.Pipeline.Sources;
using Grains.Pipeline;
using Silo.Operations;

namespace Api.Events.Sources;

/// <summary>
/// Finds the source of an ingestion request from its write key: <c>X-Write-Key: {key}</c>, or HTTP basic with the key
/// as user name and no password, as Segment's clients send it. Runs only for endpoints marked
/// <see cref="AcceptsWriteKey"/>, between authentication and rate limiting.
/// </summary>
internal static class WriteKeyResolution
{
    public const string Header = "X-Write-Key";
    private const int MaxKeyLength = 256;
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>Marks an endpoint that takes a write key.</summary>
    public sealed class AcceptsWriteKey;

    public static IApplicationBuilder UseWriteKeys(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<AcceptsWriteKey>() is not null && KeyOf(context.Request) is { } key)
        {
            EventSource? source = null;
            try
            {
                if (key.Length is > 0 and <= MaxKeyLength)
                    source = await context.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IWriteKeyGrain>(WriteKeys.HashOf(key)).ResolveAsync();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The key's grain is failing over with its silo: the client's retry of a 503 will find it.
                context.Response.Headers.RetryAfter = PlatformRateLimiter.RetryAfterSeconds(RetryAfter);
                await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Cannot check the write key right now",
                    detail: "No event of the request was written; send it again after the Retry-After interval.").ExecuteAsync(context);
                return;
            }
            var feature = new EventSourceFeature(source, context.RequestServices.GetRequiredService<PipelineCounters>());
            context.Features.Set(feature);
            context.Features.Set<IRateLimitRejectionCounter>(feature);
        }
        await next(context);
    });

    public static TBuilder TakesWriteKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AcceptsWriteKey());

    private static string? KeyOf(HttpRequest request)
    {
        if (request.Headers[Header] is [{ } header])
            return header.Trim();
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var authorization) || !BasicCredentials.IsBasic(authorization))
            return null;
        // A basic header that does not decode is a key that cannot be one.
        return BasicCredentials.TryParse(authorization.Parameter, out var credentials) ? credentials.User : "";
    }
}
