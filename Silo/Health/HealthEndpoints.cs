using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Silo.Health;

public static class HealthEndpoints
{
    /// <summary>Checks tagged "ready" decide readiness; liveness runs none, so a busy cluster never gets the process killed.</summary>
    public const string ReadyTag = "ready";

    public static IHealthChecksBuilder AddPlatformHealthChecks(this IServiceCollection services)
    {
        services.TryAddSingleton<KafkaProbe>();
        return services.AddHealthChecks()
            .AddCheck<ClusterHealthCheck>("cluster", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<KafkaHealthCheck>("kafka", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5));
    }

    public static IEndpointRouteBuilder MapPlatformHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new() { Predicate = _ => false, ResponseWriter = WriteJson })
            .WithTags("Operations").ExcludeFromDescription();
        endpoints.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteJson })
            .WithTags("Operations").ExcludeFromDescription();
        return endpoints;
    }

    private static Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
    }
}
