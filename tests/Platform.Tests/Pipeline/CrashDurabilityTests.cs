using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Platform.Tests.Pipeline;

/// <summary>
/// The embedded default as a user runs it, killed with SIGKILL under load: what it acknowledged is there after a
/// restart on the same data folder, once each. The in-memory Kafka broker dies with the process; the pipeline
/// journal brings back what it held.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
[Collection(Operations.SoloCollection.Name)]
public sealed class CrashDurabilityTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private const int EventWriters = 3, BatchSize = 200, Users = 40;

    [Fact]
    public async Task Every_acknowledged_event_and_post_survives_SIGKILL_exactly_once()
    {
        using var data = new TempDirectory();
        var environment = PlatformProcess.WithOwnPorts(new Dictionary<string, string> { ["Storage__DataDirectory"] = data.Path });
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        var acknowledgedEvents = new ConcurrentBag<Guid>();
        var sentEvents = new ConcurrentBag<Guid>();
        var acknowledgedPosts = new ConcurrentBag<string>();

        await using (var first = PlatformProcess.Start("Api", environment, "--urls", url))
        {
            await first.WaitUntilReadyAsync($"{url}/health/ready", StartTimeout);
            var token = (await Identity.TestUsers.SignUpAsync(http)).AccessToken;

            using var load = new CancellationTokenSource();
            var writers = Enumerable.Range(0, EventWriters).Select(_ => WriteEventsAsync(http, sentEvents, acknowledgedEvents, load.Token))
                .Append(CreatePostsAsync(http, token, acknowledgedPosts, load.Token)).ToList();
            // Enough acknowledged that the pipeline is surely behind when the process dies.
            await Eventually.True(() => acknowledgedEvents.Count >= 20_000 && !acknowledgedPosts.IsEmpty, TimeSpan.FromSeconds(60),
                () => $"{acknowledgedEvents.Count} events and {acknowledgedPosts.Count} posts acknowledged{Environment.NewLine}{first.Output}");
            await first.KillAsync();
            await load.CancelAsync();
            await Task.WhenAll(writers);
        }

        await using var second = PlatformProcess.Start("Api", environment, "--urls", url);
        await second.WaitUntilReadyAsync($"{url}/health/ready", StartTimeout);

        var expected = acknowledgedEvents.ToHashSet();
        await Eventually.True(async () => (await StoredEventIdsAsync(data.Path)).IsSupersetOf(expected), PipelineKit.Drain,
            () => $"every acknowledged event stored; {expected.Count} acknowledged{Environment.NewLine}{second.Output}");
        var stats = await PipelineKit.WaitForDrainedStatsAsync(http);
        Assert.True(stats.Count("recovered") > 0, $"the journal wrote nothing back: {stats}");
        // Nothing stored that was not sent (events written just before the kill may be stored unacknowledged), and
        // nothing processed twice: each user's running count has no gap and no repeat.
        Assert.Subset(sentEvents.ToHashSet(), await StoredEventIdsAsync(data.Path));
        foreach (var (user, rows, distinctSequences, highest) in await SequencesByUserAsync(data.Path))
            Assert.True(rows == distinctSequences && rows == highest, $"{user}: {rows} rows, {distinctSequences} distinct sequences, highest {highest}");
        foreach (var postId in acknowledgedPosts)
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/posts/{postId}")).StatusCode);
    }

    /// <summary>Batches of new events until stopped; keeps the ids of every batch answered 202 (a 503 writes nothing).</summary>
    private static async Task WriteEventsAsync(HttpClient http, ConcurrentBag<Guid> sent, ConcurrentBag<Guid> acknowledged, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var ids = Enumerable.Range(0, BatchSize).Select(_ => Guid.NewGuid()).ToList();
            foreach (var id in ids) sent.Add(id);
            var body = new JsonObject { ["batch"] = new JsonArray([.. ids.Select(id => (JsonNode)PipelineKit.NewEvent($"crash-user-{Random.Shared.Next(Users)}", id))]) };
            try
            {
                using var response = await http.PostAsync("/api/events", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), stop);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    var answer = await response.Content.ReadFromJsonAsync<JsonElement>(stop);
                    Assert.Equal(BatchSize, answer.GetProperty("accepted").GetInt32());
                    foreach (var id in ids) acknowledged.Add(id);
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                // The process was killed mid-request: that batch was never acknowledged.
            }
        }
    }

    private static async Task CreatePostsAsync(HttpClient http, string token, ConcurrentBag<string> acknowledged, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            using var create = new HttpRequestMessage(HttpMethod.Post, "/api/posts") { Content = JsonContent.Create(new { title = "Survives" }) };
            create.Headers.Authorization = new("Bearer", token);
            try
            {
                using var response = await http.SendAsync(create, stop);
                if (response.StatusCode == HttpStatusCode.Created)
                    acknowledged.Add((await response.Content.ReadFromJsonAsync<JsonElement>(stop)).GetProperty("id").GetString()!);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
            }
        }
    }

    /// <summary>The analytics store's ids, read from the SQLite file beside the running process (WAL lets both read).</summary>
    private static async Task<HashSet<Guid>> StoredEventIdsAsync(string dataDirectory)
    {
        var ids = new HashSet<Guid>();
        await QueryAsync(dataDirectory, "SELECT event_id FROM analytics_events", reader => ids.Add(Guid.Parse(reader.GetString(0))));
        return ids;
    }

    private static async Task<List<(string User, long Rows, long DistinctSequences, long Highest)>> SequencesByUserAsync(string dataDirectory)
    {
        var users = new List<(string, long, long, long)>();
        await QueryAsync(dataDirectory, "SELECT user_id, COUNT(*), COUNT(DISTINCT sequence), MAX(sequence) FROM analytics_events GROUP BY user_id",
            reader => users.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3))));
        return users;
    }

    private static async Task QueryAsync(string dataDirectory, string sql, Action<SqliteDataReader> row)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "platform.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) row(reader);
    }
}
