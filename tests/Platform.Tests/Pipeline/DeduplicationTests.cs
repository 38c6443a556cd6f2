using System.Text.Json.Nodes;

namespace Platform.Tests.Pipeline;

/// <summary>
/// 1,000 events with 200 duplicates, within a batch, across batches and after a restart: 800 rows, 200 duplicates,
/// and those after the restart caught by the seen-set read back from storage, before enrichment.
/// </summary>
public sealed class DeduplicationTests
{
    [Fact]
    public Task Exactly_800_of_1000_are_stored_on_SQLite() => RunAsync(new Dictionary<string, string?>());

    [Fact]
    public async Task Exactly_800_of_1000_are_stored_on_PostgreSQL() => await RunAsync(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Orleans"] = await PostgresServer.CreateDatabaseAsync(),
        // PostgreSQL is cluster mode, where events need a write key; this test is about what follows ingestion.
        ["Pipeline:RequireWriteKey"] = "false",
        ["Orleans:HostSilo"] = "true",
        ["Orleans:AdvertisedIP"] = "127.0.0.1",
    });

    private static async Task RunAsync(Dictionary<string, string?> settings)
    {
        await using var kafka = Grains.Streaming.Kafka.Embedded.EmbeddedKafkaBroker.Start(new());
        using var data = new TempDirectory();
        settings["Kafka:BootstrapServers"] = kafka.BootstrapServers;
        settings["Storage:DataDirectory"] = data.Path;
        settings["Orleans:ClusterId"] = $"dedup-{Guid.NewGuid():N}";
        var users = Enumerable.Range(0, 20).Select(i => $"user-{i}").ToArray();
        JsonObject Event(int i) => PipelineKit.NewEvent(users[i % users.Length]);

        var firstBatch = Enumerable.Range(0, 350).Select(Event).ToList();
        var secondBatch = Enumerable.Range(0, 350).Select(Event).ToList();
        var thirdBatch = Enumerable.Range(0, 100).Select(Event).ToList();

        long duplicatesBeforeRestart;
        await using (var api = new ApiFactory(settings))
        {
            var client = api.CreateClient();
            // 50 repeats inside the batch itself.
            await PipelineKit.PostBatchAsync(client, [.. firstBatch, .. firstBatch.Take(50)]);
            // 50 repeats of the first batch.
            await PipelineKit.PostBatchAsync(client, [.. secondBatch, .. firstBatch.Skip(100).Take(50)]);
            await PipelineKit.WaitForStoredRowsAsync(api, 700);
            var stats = await PipelineKit.WaitForDrainedStatsAsync(client);
            Assert.Equal(800, stats.Count("accepted"));
            duplicatesBeforeRestart = stats.Count("duplicates");
            Assert.Equal(100, duplicatesBeforeRestart);
        }

        await using (var api = new ApiFactory(settings))
        {
            var client = api.CreateClient();
            // 100 new events, and 100 re-sent from before the restart.
            await PipelineKit.PostBatchAsync(client, [.. thirdBatch, .. firstBatch.Skip(200).Take(50), .. secondBatch.Take(50)]);
            await PipelineKit.WaitForStoredRowsAsync(api, 800);
            var stats = await PipelineKit.WaitForDrainedStatsAsync(client);
            Assert.Equal(100, stats.Count("duplicates"));
            // The re-sent ones never reached enrichment: the seen-set came back from its segments.
            Assert.Equal(100, stats.Count("enriched"));
            Assert.Equal(100, stats.Count("stored"));
            Assert.Equal(800, await PipelineKit.StoredRowsAsync(api));
            Assert.Equal(200, duplicatesBeforeRestart + stats.Count("duplicates"));
        }
    }
}
