using Grains.Streaming.Kafka.Embedded;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Tests.Infrastructure;

/// <summary>
/// The Api in-process with its co-hosted silo on free ports. Embedded default (SQLite in a temp folder)
/// unless settings name a PostgreSQL database. With <c>kestrel</c> it serves real HTTP and WebSockets on a
/// loopback port (<see cref="Address"/>) instead of the in-memory test server.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    private readonly TempDirectory _data = new();
    private readonly EmbeddedKafkaBroker? _kafka;
    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _clock;

    public ApiFactory() : this(new Dictionary<string, string?>()) { }

    /// <param name="clock">The platform's clock (every grain and the Api read it); the system clock when null.</param>
    internal ApiFactory(IDictionary<string, string?> settings, bool kestrel = false, TimeProvider? clock = null)
    {
        _clock = clock;
        _settings = new(settings);
        _settings.TryAdd("Orleans:SiloPort", FreePort.Next().ToString());
        _settings.TryAdd("Orleans:GatewayPort", FreePort.Next().ToString());
        _settings.TryAdd("Orleans:ClusterId", $"test-{Guid.NewGuid():N}");
        _settings.TryAdd("Storage:DataDirectory", _data.Path);
        // A known operator token, unless a test sets its own credentials (or "" to have one generated).
        _settings.TryAdd("Operator:Token", TestOperatorToken);
        // Every test client shares one remote address; per-client auth limits are tested with their own settings.
        _settings.TryAdd("Auth:RateLimits:SignUpPermitLimit", "100000");
        _settings.TryAdd("Auth:RateLimits:LogInPermitLimit", "100000");
        _settings.TryAdd("Auth:RateLimits:MailPermitLimit", "100000");
        // A broker of its own unless given one: tests in parallel must not read each other's topics.
        if (!_settings.ContainsKey("Kafka:BootstrapServers"))
        {
            _kafka = EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions());
            _settings["Kafka:BootstrapServers"] = _kafka.BootstrapServers;
        }
        if (kestrel)
        {
            Address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
            _settings["urls"] = Address.ToString();
            UseKestrel();
        }
    }

    public const string TestOperatorToken = "test-operator-token";

    /// <summary>A client that presents <see cref="TestOperatorToken"/>, as an operator's tools would.</summary>
    public HttpClient CreateOperatorClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestOperatorToken);
        return client;
    }

    /// <summary>The real server's address, when started with Kestrel.</summary>
    public Uri? Address { get; }

    public string DataDirectory => _settings["Storage:DataDirectory"]!;

    /// <summary>A client of the real server: starts it on first use.</summary>
    public HttpClient CreateKestrelClient()
    {
        StartServer();
        return new HttpClient { BaseAddress = Address ?? throw new InvalidOperationException("Not a Kestrel factory.") };
    }

    /// <summary>
    /// Waits until this node's silo sees <paramref name="count"/> active silos. Nodes started together must agree
    /// on the membership before a test relies on one grain activation across them: until then each may place it.
    /// </summary>
    public Task WaitForActiveSilosAsync(int count) => Eventually.Until(
        async () => (await Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count == count,
        TimeSpan.FromSeconds(60), $"{count} active silos");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        if (_clock is not null)
            builder.ConfigureTestServices(services => services.AddSingleton(_clock));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        _data.Dispose();
        _kafka?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
