using Grains.Interfaces;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;
using Silo.Hosting;
using Silo.Persistence;

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

    [Fact]
    public async Task State_Orleans_storage_wrote_before_the_group_commit_storage_is_read_and_moved_on_its_next_write()
    {
        using var data = new TempDirectory();
        var key = Guid.NewGuid().ToString();
        var grainId = GrainId.Create("probe", key);
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = data.Path, ["Orleans:ServiceId"] = $"svc-{key}" };

        using var silo = await StartSiloAsync(settings);
        var storage = (SqliteGrainStorage)silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Platform);
        await storage.Legacy.WriteStateAsync("probe", grainId, new GrainState<ProbeState>(new ProbeState { Count = 41 }));
        Assert.Equal(0, await GrainStateRowsAsync(data.Path, key));

        var probe = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>(key);
        Assert.Equal(41, await probe.GetAsync());
        Assert.Equal(42, await probe.IncrementAsync());
        Assert.Equal(1, await GrainStateRowsAsync(data.Path, key));

        // A second activation reads the moved row, not the old one.
        await silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(43, await probe.IncrementAsync());
        await silo.StopAsync();
    }

    private static async Task<long> GrainStateRowsAsync(string dataDirectory, string key)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "platform.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM GrainState WHERE GrainId = $grain";
        command.Parameters.AddWithValue("$grain", GrainId.Create("probe", key).ToString());
        return (long)(await command.ExecuteScalarAsync())!;
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
