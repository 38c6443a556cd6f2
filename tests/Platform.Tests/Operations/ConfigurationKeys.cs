using System.Collections;
using System.Reflection;
using Silo.Operations;

namespace Platform.Tests.Operations;

/// <summary>
/// The configuration keys a host reads: the settings classes its registrations bound to each section (see
/// <see cref="RegisteredSettings"/>), plus the keys read one by one. A key is known when its section is and the
/// property below it exists.
/// </summary>
public sealed class ConfigurationKeys(IReadOnlyList<(string Section, Type Settings)> registered)
{
    private readonly ILookup<string, Type> _sections = registered.ToLookup(r => r.Section, r => r.Settings, StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> Singles = new(
    [
        "ConnectionStrings:Orleans", "DATABASE_URL", "SECRET_KEY", "JWE_SECRET_KEY",
        "GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET", "GOOGLE_REDIRECT_URI", SiloHttpSettings.UrlsKey, "urls",
        "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "Storage:DataDirectory", "shutdownTimeoutSeconds",
        Silo.Telemetry.TelemetryExtensions.OtlpEndpointKey, "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES",
        .. Silo.Hosting.SiloBuilderExtensions.KubernetesVariables,
    ], StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the environment variable <paramref name="variable"/> (<c>__</c> for <c>:</c>) sets a key the platform reads.</summary>
    public bool IsRead(string variable)
    {
        var key = variable.Replace("__", ":", StringComparison.Ordinal);
        if (Singles.Contains(key) || key.StartsWith("Logging:", StringComparison.OrdinalIgnoreCase)) return true;

        var segments = key.Split(':');
        for (var length = segments.Length - 1; length > 0; length--)
        {
            var types = _sections[string.Join(':', segments[..length])];
            if (types.Any())
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
