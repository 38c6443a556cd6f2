using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Platform.Tests.Infrastructure;

/// <summary>
/// The Api in-process with its co-hosted silo on free ports. Embedded default (SQLite in a temp folder)
/// unless settings name a PostgreSQL database.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    private readonly TempDirectory _data = new();
    private readonly Dictionary<string, string?> _settings;

    public ApiFactory() : this(new Dictionary<string, string?>()) { }

    internal ApiFactory(IDictionary<string, string?> settings)
    {
        _settings = new(settings)
        {
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
        };
        // Nodes of one test cluster pass the same id.
        _settings.TryAdd("Orleans:ClusterId", $"test-{Guid.NewGuid():N}");
        _settings.TryAdd("Storage:DataDirectory", _data.Path);
        // Every test client shares one remote address; per-client auth limits are tested with their own settings.
        _settings.TryAdd("Auth:RateLimits:SignUpPermitLimit", "100000");
        _settings.TryAdd("Auth:RateLimits:LogInPermitLimit", "100000");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _data.Dispose();
    }
}
