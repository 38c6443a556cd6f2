using System.Threading.RateLimiting;
using Api.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace Api.Events;

/// <summary>Ingestion requests per client (the signed-in user, else the remote address) in a sliding window.</summary>
public static class EventsRateLimiting
{
    public const string Policy = "events";

    internal static IServiceCollection AddEventsRateLimit(this IServiceCollection services)
    {
        services.AddOptions<EventsRateLimitOptions>().BindConfiguration(EventsRateLimitOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        return services.AddRateLimiter(o => o.AddPolicy(Policy, context =>
        {
            var limits = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<EventsRateLimitOptions>>().Value;
            var client = context.User.FindUserId()?.ToString() ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetSlidingWindowLimiter(client, _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = limits.PermitLimit,
                Window = limits.Window,
                SegmentsPerWindow = 4,
                QueueLimit = 0,
            });
        }));
    }
}
