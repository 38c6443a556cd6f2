using Api.Events.Sources;
using Api.Http;
using Api.Identity;
using Microsoft.Extensions.Options;
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
        return services.AddRateLimitPolicy(Policy, context =>
        {
            if (context.Features.Get<EventSourceFeature>()?.Source is { } source)
                return RequestRateLimit.TokenBucket($"source:{source.Id}", source.RateLimit, TimeSpan.FromSeconds(1));
            var limits = context.RequestServices.GetRequiredService<IOptions<EventsRateLimitOptions>>().Value;
            var client = context.User.FindUserId()?.ToString() ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RequestRateLimit.TokenBucket(client, limits.PermitLimit, limits.Window);
        });
    }
}
