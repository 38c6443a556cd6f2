using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Silo.Hosting;

namespace Platform.Tests.Foundation;

/// <summary>Grain state outlives the whole cluster, on PostgreSQL (with ADO.NET clustering) and on the SQLite default.</summary>
public sealed class PersistenceTests
{
    [Fact]
    public async Task State_survives_a_full_stop_and_start_on_PostgreSQL()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Orleans"] = await PostgresServer.CreateDatabaseAsync(),
            ["Orleans:AdvertisedIP"] = "127.0.0.1",
        };
        await AssertStateSurvivesRestart(settings);
    }

    [Fact]
    public async Task State_survives_a_full_stop_and_start_on_SQLite()
    {
        using var data = new TempDirectory();
        await AssertStateSurvivesRestart(new() { ["Storage:DataDirectory"] = data.Path });
        Assert.True(File.Exists(Path.Combine(data.Path, "platform.db")));
    }

    private static async Task AssertStateSurvivesRestart(Dictionary<string, string?> settings)
    {
        var key = Guid.NewGuid().ToString();
        settings["Orleans:ServiceId"] = $"svc-{key}";

        using (var first = await StartSiloAsync(settings))
        {
            var probe = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>(key);
            await probe.IncrementAsync();
            Assert.Equal(2, await probe.IncrementAsync());
            await first.StopAsync();
        }

        using var second = await StartSiloAsync(settings);
        Assert.Equal(2, await second.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>(key).GetAsync());
        await second.StopAsync();
    }

    private static async Task<IHost> StartSiloAsync(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration["Orleans:SiloPort"] = FreePort.Next().ToString();
        builder.Configuration["Orleans:GatewayPort"] = FreePort.Next().ToString();
        builder.AddPlatformOrleans(hostSilo: true);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
