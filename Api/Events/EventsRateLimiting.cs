using System.Threading.RateLimiting;
using Api.Events.Sources;
using Api.Http;
using Api.Identity;
using Silo.Hosting;

namespace Api.Events;

/// <summary>
/// Ingestion requests per source (its own <c>rate_limit</c> a second), and without a write key per client (the
/// signed-in user, else the remote address) within <c>Pipeline:RateLimit</c>: token buckets.
/// </summary>
public static class EventsRateLimiting
{
    public const string Policy = "events";

    public static IServiceCollection AddEventsRateLimit(this IServiceCollection services)
    {
        services.AddSettings<EventsRateLimitOptions>(EventsRateLimitOptions.SectionName);
        return services.AddPlatformRateLimiter().AddRateLimiter(o => o.AddPolicy(Policy, context =>
        {
            if (context.Features.Get<EventSourceFeature>()?.Source is { } source)
            {
                return RateLimitPartition.GetTokenBucketLimiter($"source:{source.Id}:{source.RateLimit}", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = source.RateLimit,
                    TokensPerPeriod = source.RateLimit,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                });
            }
            var limits = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<EventsRateLimitOptions>>().Value;
            var client = context.User.FindUserId()?.ToString() ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            // A token bucket refills steadily (no burst at window edges) and tells the client when to retry.
            return RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.PermitLimit,
                TokensPerPeriod = limits.PermitLimit,
                ReplenishmentPeriod = limits.Window,
                QueueLimit = 0,
            });
        }));
    }
}
