using Npgsql;

namespace Platform.Tests.Pipeline;

/// <summary>While the database refuses connections, events wait and are retried; none is lost.</summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class StoreOutageTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task Events_accepted_during_a_store_outage_are_all_stored_once_it_is_back()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Orleans"] = connectionString,
            // PostgreSQL is cluster mode, where events need a write key; this test is about what follows ingestion.
            ["Pipeline:RequireWriteKey"] = "false",
            ["Orleans:HostSilo"] = "true",
            ["Orleans:AdvertisedIP"] = "127.0.0.1",
        });
        var client = api.CreateClient();
        var users = Enumerable.Range(0, 10).Select(i => $"outage-user-{i}").ToArray();

        await PipelineKit.PostBatchAsync(client, Enumerable.Range(0, 50).Select(i => PipelineKit.NewEvent(users[i % 10])));
        await PipelineKit.WaitForStoredRowsAsync(api, 50);

        await SetConnectionsAllowedAsync(database, allowed: false);
        try
        {
            // Kafka still takes them: acceptance does not depend on the store.
            await PipelineKit.PostBatchAsync(client, Enumerable.Range(0, 100).Select(i => PipelineKit.NewEvent(users[i % 10])));
            // The outage itself lasts a while: this is the scenario, not a synchronisation.
            await Task.Delay(Outage);
        }
        finally
        {
            await SetConnectionsAllowedAsync(database, allowed: true);
        }

        await PipelineKit.WaitForStoredRowsAsync(api, 150);
        var stats = await PipelineKit.WaitForDrainedStatsAsync(client);
        Assert.Equal(150, await PipelineKit.StoredRowsAsync(api));
        Assert.Equal((150L, 150L, 0L, 0L), (stats.Count("accepted"), stats.Count("stored"), stats.Count("duplicates"), stats.Count("dead_lettered")));
        Assert.Equal(stats.Count("received"), stats.Count("accepted") + stats.Count("rejected"));
    }

    /// <summary>Refuses new connections to the database and ends the open ones, as a database going away would.</summary>
    private static async Task SetConnectionsAllowedAsync(string database, bool allowed)
    {
        await using var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        await admin.OpenAsync();
        await using var command = admin.CreateCommand();
        command.CommandText = $"ALTER DATABASE {database} ALLOW_CONNECTIONS {allowed}";
        await command.ExecuteNonQueryAsync();
        if (allowed) return;
        command.CommandText = $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'";
        await command.ExecuteNonQueryAsync();
        NpgsqlConnection.ClearAllPools();
    }
}
