using System.Text.Json;
using Confluent.Kafka;
using Grains.Interfaces.Pipeline;
using Grains.Streaming.Kafka.Embedded;

namespace Platform.Tests.Pipeline;

/// <summary>Any Kafka client can write the raw topic; what cannot be processed is dead-lettered and can be replayed.</summary>
public sealed class DirectKafkaTests : IAsyncLifetime
{
    private readonly EmbeddedKafkaBroker _kafka = EmbeddedKafkaBroker.Start(new());
    private ApiFactory _api = null!;
    private HttpClient _client = null!;
    private IProducer<string?, string> _producer = null!;

    public Task InitializeAsync()
    {
        _api = new ApiFactory(new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = _kafka.BootstrapServers });
        _client = _api.CreateOperatorClient();
        // librdkafka's own default partitioner differs from Kafka's (Java) one; ours is the Java one.
        _producer = new ProducerBuilder<string?, string>(new ProducerConfig
        {
            BootstrapServers = _kafka.BootstrapServers,
            Partitioner = Partitioner.Murmur2Random,
        }).Build();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _producer.Dispose();
        await _api.DisposeAsync();
        await _kafka.DisposeAsync();
    }

    [Fact]
    public async Task An_event_from_a_plain_producer_is_stored_enriched()
    {
        var sent = PipelineKit.NewEvent("kafka-user");
        await _producer.ProduceAsync(PipelineTopics.Raw, new Message<string?, string> { Key = "kafka-user", Value = sent.ToJsonString() });

        var stored = await PipelineKit.StoredAsync(_client, sent);
        Assert.Equal("kafka-user", stored.GetProperty("user_id").GetString());
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("user").ValueKind);
        Assert.Equal(1, stored.GetProperty("sequence").GetInt64());

        var stats = await PipelineKit.WaitForDrainedStatsAsync(_client);
        Assert.Equal((1, 1, 1), (stats.Count("received"), stats.Count("accepted"), stats.Count("stored")));
    }

    [Fact]
    public async Task Malformed_messages_are_dead_lettered_with_a_reason_and_a_fixed_one_is_stored_on_replay()
    {
        var misKeyed = PipelineKit.NewEvent("right-key");
        await Produce("wrong-key", misKeyed.ToJsonString());
        await Produce("garbage", "this is not json");

        var letters = await Eventually.Until(DeadLettersAsync, l => l.Count == 2, PipelineKit.Drain, "two dead letters");
        var byKey = letters.ToDictionary(l => l.GetProperty("key").GetString()!);
        Assert.Contains("not the event's user_id", byKey["wrong-key"].GetProperty("reason").GetString());
        Assert.Equal(misKeyed.ToJsonString(), byKey["wrong-key"].GetProperty("payload").GetString());
        Assert.Contains("not JSON", byKey["garbage"].GetProperty("reason").GetString());

        // The replay sends each payload back under its own user_id, which fixes the mis-keyed one.
        var replay = await _client.PostAsync("/api/pipeline/dlq/replay", null);
        Assert.Equal(2, (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32());

        await PipelineKit.StoredAsync(_client, misKeyed);
        // The garbage comes back as a new dead letter: it cannot be fixed by replaying.
        var after = await Eventually.Until(DeadLettersAsync, l => l.Count == 1, PipelineKit.Drain, "only the garbage to be pending");
        Assert.Equal("garbage", after.Single().GetProperty("key").GetString());

        var stats = await PipelineKit.WaitForDrainedStatsAsync(_client);
        Assert.Equal((2, 2, 1, 3, 1), (stats.Count("received"), stats.Count("replayed"), stats.Count("stored"),
            stats.Count("dead_lettered"), stats.Count("accepted") - stats.Count("rejected") - 1));
    }

    [Fact]
    public async Task An_aimed_replay_sends_back_only_what_matches_once_and_a_dry_run_sends_nothing()
    {
        await Produce("garbage-1", "not json either");
        await Eventually.Until(DeadLettersAsync, l => l.Count == 1, PipelineKit.Drain, "the first dead letter");
        var misKeyed = PipelineKit.NewEvent("its-own-key");
        await Produce("wrong-key", misKeyed.ToJsonString());
        await Produce("garbage-2", "still not json");
        var letters = await Eventually.Until(DeadLettersAsync, l => l.Count == 3, PipelineKit.Drain, "three dead letters");
        var failedAt = letters.Select(l => l.GetProperty("failed_at").GetDateTimeOffset()).ToList();

        Assert.Equal((2, 0), await ReplayAsync(new { reason = "NOT JSON", dry_run = true }));
        Assert.Equal((0, 0), await ReplayAsync(new { key = "nobody" }));
        Assert.Equal((0, 0), await ReplayAsync(new { to = failedAt.Min(), dry_run = true }));
        Assert.Equal((3, 0), await ReplayAsync(new { from = failedAt.Min(), to = failedAt.Max().AddSeconds(1), dry_run = true }));
        Assert.Equal(3, (await DeadLettersAsync()).Count);
        var backwards = await _client.PostAsJsonAsync("/api/pipeline/dlq/replay", new { from = failedAt.Max(), to = failedAt.Min() });
        await backwards.AssertProblemAsync(HttpStatusCode.BadRequest);

        // The mis-keyed letter lies behind a pending one: it is sent back once, and no longer listed.
        Assert.Equal((1, 1), await ReplayAsync(new { key = "wrong-key" }));
        await PipelineKit.StoredAsync(_client, misKeyed);
        Assert.Equal((0, 0), await ReplayAsync(new { key = "wrong-key" }));
        var pending = await DeadLettersAsync();
        Assert.Equal(["garbage-1", "garbage-2"], pending.Select(l => l.GetProperty("key").GetString()).Order());

        // What cannot be fixed comes back as a new letter, which a later replay can aim at again.
        Assert.Equal((1, 1), await ReplayAsync(new { key = "garbage-1", reason = "json" }));
        await Eventually.Until(DeadLettersAsync, l => l.Count(letter => letter.GetProperty("key").GetString() == "garbage-1") == 1
            && l.Count == 2 && l.All(letter => letter.GetProperty("dlq_offset").GetInt64() > 0), PipelineKit.Drain, "garbage-1 dead-lettered again");
        Assert.Equal((2, 2), await ReplayAsync(new { }));
    }

    private async Task<(int Matched, int Replayed)> ReplayAsync(object filter)
    {
        var response = await _client.PostAsJsonAsync("/api/pipeline/dlq/replay", filter);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return (body.GetProperty("matched").GetInt32(), body.GetProperty("replayed").GetInt32());
    }

    private Task Produce(string key, string value) =>
        _producer.ProduceAsync(PipelineTopics.Raw, new Message<string?, string> { Key = key, Value = value });

    private async Task<List<JsonElement>> DeadLettersAsync() =>
        [.. (await _client.GetFromJsonAsync<JsonElement>("/api/pipeline/dlq")).GetProperty("items").EnumerateArray()];
}
