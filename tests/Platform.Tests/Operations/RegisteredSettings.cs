using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Silo.Hosting;

namespace Platform.Tests.Operations;

/// <summary>
/// The settings sections a host registers (its <see cref="SettingsCatalog"/>), read while its own Program builds it
/// with the given settings, and stopped right there: nothing starts, so a cluster-mode host needs no cluster.
/// </summary>
public static class RegisteredSettings
{
    public static IReadOnlyList<(string Section, Type Settings)> OfApi(IDictionary<string, string?> settings) => Of<Program>(settings);

    public static IReadOnlyList<(string Section, Type Settings)> OfSilo(IDictionary<string, string?> settings) => Of<Silo.Program>(settings);

    /// <summary>An Api node of a cluster and a silo of it, as compose.yaml runs them.</summary>
    public static readonly Dictionary<string, string?> ClusterMode = new()
    {
        ["ConnectionStrings:Orleans"] = "Host=postgres;Port=5432;Username=platform;Password=unused;Database=platform",
        ["Kafka:BootstrapServers"] = "kafka:9092",
        ["SECRET_KEY"] = new string('s', 32),
        ["JWE_SECRET_KEY"] = new string('j', 32),
    };

    private static IReadOnlyList<(string Section, Type Settings)> Of<TEntryPoint>(IDictionary<string, string?> settings) where TEntryPoint : class
    {
        using var host = new BuiltOnly<TEntryPoint>(settings);
        try
        {
            _ = host.Services;
        }
        catch (Exception e) when (Captured(e) is { } captured)
        {
            return captured.Catalog.Entries;
        }
        throw new InvalidOperationException("The host was built without a settings catalog.");
    }

    private static CatalogCaptured? Captured(Exception? e) => e as CatalogCaptured ?? (e is null ? null : Captured(e.InnerException));

    private sealed class BuiltOnly<TEntryPoint>(IDictionary<string, string?> settings) : WebApplicationFactory<TEntryPoint> where TEntryPoint : class
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
            // Test services are configured last, when every registration of the Program is in the collection.
            builder.ConfigureTestServices(services => throw new CatalogCaptured(
                (SettingsCatalog)services.Single(d => d.ServiceType == typeof(SettingsCatalog)).ImplementationInstance!));
        }
    }

    private sealed class CatalogCaptured(SettingsCatalog catalog) : Exception("Stopped once the registrations were made.")
    {
        public SettingsCatalog Catalog { get; } = catalog;
    }
}
