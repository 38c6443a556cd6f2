using System.Diagnostics.Metrics;
using Grains.Interfaces.Pipeline;
using Grains.Pipeline;
using Grains.Streaming.Kafka;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Silo.Journal;

namespace Platform.Tests.Pipeline;

/// <summary>The journal keeps what the in-memory broker holds unprocessed, and no more.</summary>
public sealed class PipelineJournalTests
{
    [Fact]
    public async Task Processed_events_are_trimmed_from_the_journal()
    {
        await using var api = new ApiFactory();
        var client = api.CreateClient();
        await PipelineKit.PostBatchAsync(client, Enumerable.Range(0, 300).Select(i => PipelineKit.NewEvent($"journal-user-{i % 7}")));

        var journal = api.Services.GetRequiredService<SqlitePipelineJournal>();
        Assert.True(await journal.CountAsync(PipelineTopics.Raw, default) > 0, "the accepted events were journaled");
        await PipelineKit.WaitForDrainedStatsAsync(client);
        await Eventually.True(async () => await journal.CountAsync(PipelineTopics.Raw, default) == 0, PipelineKit.Drain,
            () => "the processed events to leave the journal");
    }

    [Fact]
    public async Task Ingestion_answers_503_while_the_embedded_broker_is_behind_and_accepts_again_once_it_caught_up()
    {
        // No backlog allowed: the moment a partition holds an event not yet committed as processed, admission closes.
        await using var api = new ApiFactory(new Dictionary<string, string?> { ["Pipeline:MaxBrokerBacklogMessages"] = "0" });
        var client = api.CreateClient();
        var accepted = new List<System.Text.Json.Nodes.JsonObject>();

        var refused = await Eventually.Until(async () =>
        {
            var batch = Enumerable.Range(0, 50).Select(_ => PipelineKit.NewEvent("backlog-user")).ToList();
            var response = await PostAsync(client, batch);
            if (response.StatusCode == HttpStatusCode.Accepted) accepted.AddRange(batch);
            return response;
        }, r => r.StatusCode == HttpStatusCode.ServiceUnavailable, PipelineKit.Drain, "a refusal while the broker is behind");
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After");
        var problem = await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("behind", problem.GetProperty("detail").GetString());

        var last = Enumerable.Range(0, 50).Select(_ => PipelineKit.NewEvent("backlog-user")).ToList();
        await Eventually.Until(() => PostAsync(client, last), r => r.StatusCode == HttpStatusCode.Accepted, PipelineKit.Drain, "acceptance once caught up");
        accepted.AddRange(last);
        await PipelineKit.WaitForStoredRowsAsync(api, accepted.Count);
        var stats = await PipelineKit.WaitForDrainedStatsAsync(client);
        Assert.Equal(accepted.Count, await PipelineKit.StoredRowsAsync(api));
        Assert.Equal(accepted.Count, stats.Count("accepted"));
    }

    [Fact]
    public async Task A_write_cancelled_on_its_way_to_Kafka_is_still_settled_in_the_journal()
    {
        await using var api = new ApiFactory();
        await PipelineKit.PostBatchAsync(api.CreateClient(), [PipelineKit.NewEvent("settle-user")]);
        // The platform's producer settings, with a journal that cancels the write the moment it is appended: the
        // messages are then on their way to Kafka, as when a client hangs up mid-request.
        using var cancellation = new CancellationTokenSource();
        var journal = new CancellingJournal(cancellation);
        using var kafka = new PipelineKafka(api.Services.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>(),
            api.Services.GetRequiredService<IOptions<PipelineOptions>>(), api.Services.GetRequiredService<IMeterFactory>(),
            NullLogger<PipelineKafka>.Instance, journal);
        var messages = Enumerable.Range(0, 20)
            .Select(_ => new KafkaMessage("settle-user", System.Text.Encoding.UTF8.GetBytes(PipelineKit.NewEvent("settle-user").ToJsonString()))).ToList();

        var failures = await kafka.ProduceEachAsync(PipelineTopics.Raw, messages, headers: null, cancellation.Token);

        Assert.True(cancellation.IsCancellationRequested);
        Assert.All(failures, Assert.Null);
        // Unsettled, the append would hold back every trim after it for as long as the process runs.
        Assert.Equal([CancellingJournal.First], journal.Settled);
    }

    private sealed class CancellingJournal(CancellationTokenSource cancellation) : IPipelineJournal
    {
        public const long First = 1;

        public List<long> Settled { get; } = [];

        public JournalAdmission Admission => JournalAdmission.Open;

        public bool Covers(string topic) => true;

        public async Task<long> AppendAsync(string topic, IReadOnlyList<KafkaMessage> messages)
        {
            await cancellation.CancelAsync();
            return First;
        }

        void IPipelineJournal.Settled(long first) => Settled.Add(first);
    }

    [Fact]
    public async Task What_a_journal_of_the_earlier_layout_holds_is_written_back_at_start()
    {
        // A journal left by a version that kept a row per message, with three events the broker never processed.
        using var data = new TempDirectory();
        var events = Enumerable.Range(0, 3).Select(_ => PipelineKit.NewEvent("earlier-journal-user")).ToList();
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, SqlitePipelineJournal.FileName)};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE pipeline_journal (sequence INTEGER NOT NULL PRIMARY KEY, topic TEXT NOT NULL, message_key TEXT, value BLOB NOT NULL);
                INSERT INTO pipeline_journal VALUES (1, 'events.raw', 'earlier-journal-user', @e1), (2, 'events.raw', 'earlier-journal-user', @e2),
                                                    (3, 'events.raw', 'earlier-journal-user', @e3);
                """;
            for (var i = 0; i < events.Count; i++)
                command.Parameters.AddWithValue($"e{i + 1}", System.Text.Encoding.UTF8.GetBytes(events[i].ToJsonString()));
            await command.ExecuteNonQueryAsync();
        }

        await using var api = new ApiFactory(new Dictionary<string, string?> { ["Storage:DataDirectory"] = data.Path });
        var client = api.CreateClient();
        await PipelineKit.WaitForStoredRowsAsync(api, events.Count);
        var stats = await PipelineKit.WaitForDrainedStatsAsync(client);
        Assert.Equal(events.Count, stats.Count("recovered"));
        Assert.Equal(events.Count, await PipelineKit.StoredRowsAsync(api));
        var journal = api.Services.GetRequiredService<SqlitePipelineJournal>();
        await Eventually.True(async () => await journal.CountAsync(PipelineTopics.Raw, default) == 0, PipelineKit.Drain,
            () => "the written-back events to leave the journal");
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, IEnumerable<System.Text.Json.Nodes.JsonObject> events)
    {
        var body = new System.Text.Json.Nodes.JsonObject { ["batch"] = new System.Text.Json.Nodes.JsonArray([.. events.Select(e => (System.Text.Json.Nodes.JsonNode)e.DeepClone())]) };
        return client.PostAsync("/api/events", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
    }
}
