using System.Collections;
using System.Reflection;
using Api.Events;
using Api.Identity;
using Api.Identity.SocialSignIn;
using Api.Notifications;
using Grains.Pipeline;
using Grains.Streaming.Kafka;
using Orleans.Configuration;
using Silo.Hosting;
using Silo.Operations;
using Silo.Resilience;

namespace Platform.Tests.Operations;

/// <summary>
/// The configuration keys the Api and Silo read: the options classes bound to each section, plus the keys read
/// one by one. A key is known when its section is and the property below it exists.
/// </summary>
public static class ConfigurationKeys
{
    private static readonly Dictionary<string, Type[]> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        [OrleansSettings.SectionName] = [typeof(OrleansSettings)],
        [FailureDetection.SectionName] = [typeof(ClusterMembershipOptions)],
        [ClientFailover.GatewaySectionName] = [typeof(GatewayOptions)],
        [ClientFailover.MessagingSectionName] = [typeof(ClientMessagingOptions)],
        [GrainCallRetryOptions.SectionName] = [typeof(GrainCallRetryOptions)],
        [KafkaStreamOptions.SectionName] = [typeof(KafkaStreamOptions)],
        [OperatorOptions.SectionName] = [typeof(OperatorOptions)],
        [OperatorOptions.LegacySectionName] = [typeof(OperatorOptions)],
        [AuthOptions.SectionName] = [typeof(AuthOptions), typeof(SocialSignInOptions)],
        [PipelineOptions.SectionName] = [typeof(PipelineOptions)],
        [EventsRateLimitOptions.SectionName] = [typeof(EventsRateLimitOptions)],
        [NotificationOptions.SectionName] = [typeof(NotificationOptions), typeof(Grains.Notifications.NotificationRegistryOptions)],
    };

    private static readonly HashSet<string> Singles = new(StringComparer.OrdinalIgnoreCase)
    {
        "ConnectionStrings:Orleans", "DATABASE_URL", "SECRET_KEY", "JWE_SECRET_KEY",
        "GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET", "GOOGLE_REDIRECT_URI", SiloHttpSettings.UrlsKey, "urls",
        "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "Storage:DataDirectory", "shutdownTimeoutSeconds",
        Silo.Telemetry.TelemetryExtensions.OtlpEndpointKey, "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES",
    };

    /// <summary>Whether the environment variable <paramref name="variable"/> (<c>__</c> for <c>:</c>) sets a key the platform reads.</summary>
    public static bool IsRead(string variable)
    {
        var key = variable.Replace("__", ":", StringComparison.Ordinal);
        if (Singles.Contains(key) || key.StartsWith("Logging:", StringComparison.OrdinalIgnoreCase)) return true;

        var segments = key.Split(':');
        for (var length = segments.Length - 1; length > 0; length--)
        {
            if (Sections.TryGetValue(string.Join(':', segments[..length]), out var types))
                return types.Any(t => HasPath(t, segments[length..]));
        }

        return false;
    }

    private static bool HasPath(Type type, string[] path)
    {
        var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null) return false;
        if (path.Length == 1) return true;
        // Below a dictionary any name is a key; below an object, a property.
        return typeof(IDictionary).IsAssignableFrom(property.PropertyType) || HasPath(property.PropertyType, path[1..]);
    }
}
