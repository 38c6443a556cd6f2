using System.Globalization;
using System.Threading.RateLimiting;

namespace Api.Http;

/// <summary>
/// The rate limiter every policy of the Api shares: a rejection is a 429 that says when to come back. Features add
/// only their policies (<c>AuthRateLimiting</c>, <c>EventsRateLimiting</c>).
/// </summary>
public static class PlatformRateLimiter
{
    public static IServiceCollection AddPlatformRateLimiter(this IServiceCollection services) => services.AddRateLimiter(o =>
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.OnRejected = (context, _) =>
        {
            if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds(retryAfter);
            context.HttpContext.Features.Get<IRateLimitRejectionCounter>()?.CountRejection();
            return ValueTask.CompletedTask;
        };
    });

    /// <summary>A <c>Retry-After</c> value: whole seconds, rounded up, at least 1 (RFC 9110 delay-seconds).</summary>
    public static string RetryAfterSeconds(TimeSpan delay) =>
        Math.Max(1, (long)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
