using Microsoft.Data.Sqlite;

namespace Platform.Tests.Pipeline;

/// <summary>With the in-memory embedded broker, a graceful stop first lets the pipeline finish what it accepted.</summary>
public sealed class EmbeddedDrainTests
{
    [Fact]
    public async Task Events_accepted_just_before_a_graceful_stop_are_all_stored()
    {
        using var data = new TempDirectory();
        var api = new ApiFactory(new Dictionary<string, string?>
        {
            // Empty: the process's own in-memory broker, as in `dotnet run --project Api`.
            ["Kafka:BootstrapServers"] = "",
            ["Storage:DataDirectory"] = data.Path,
        });
        var client = api.CreateClient();
        await PipelineKit.PostBatchAsync(client, Enumerable.Range(0, 500).Select(i => PipelineKit.NewEvent($"drain-{i % 50}")));

        await api.DisposeAsync();

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, "platform.db")}");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM analytics_events";
        Assert.Equal(500L, Convert.ToInt64(await count.ExecuteScalarAsync()));
    }
}
