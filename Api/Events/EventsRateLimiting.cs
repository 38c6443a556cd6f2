using System.Threading.RateLimiting;
using Api.Http;
using Api.Identity;
using Silo.Hosting;

namespace Api.Events;

/// <summary>Ingestion requests per client (the signed-in user, else the remote address): a token bucket.</summary>
public static class EventsRateLimiting
{
    public const string Policy = "events";

    public static IServiceCollection AddEventsRateLimit(this IServiceCollection services)
    {
        services.AddSettings<EventsRateLimitOptions>(EventsRateLimitOptions.SectionName);
        return services.AddPlatformRateLimiter().AddRateLimiter(o => o.AddPolicy(Policy, context =>
        {
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
