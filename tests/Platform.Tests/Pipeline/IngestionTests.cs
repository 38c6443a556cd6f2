using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Grains.Interfaces.Identity;
using Microsoft.Extensions.DependencyInjection;
using Platform.Tests.Identity;

namespace Platform.Tests.Pipeline;

public sealed class IngestionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    // An operator, so stored events can be looked up; who else may look is OperatorAccessTests' subject.
    private readonly HttpClient _client = api.CreateOperatorClient();

    [Fact]
    public async Task One_valid_event_is_accepted_then_stored_enriched()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var sent = PipelineKit.NewEvent(user.Id.ToString());
        var response = await _client.PostAsync("/api/events", Json(sent));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
        Assert.Empty(body.GetProperty("rejected").EnumerateArray());

        var stored = await Eventually.Until(
            async () => await _client.GetAsync($"/api/events/{sent["event_id"]}"),
            r => r.StatusCode == HttpStatusCode.OK, PipelineKit.Drain, "the event to be stored");
        var document = await stored.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(sent["event_id"]!.ToString(), document.GetProperty("event_id").GetString());
        Assert.Equal("click", document.GetProperty("data").GetProperty("action").GetString());
        Assert.Equal(1, document.GetProperty("sequence").GetInt64());
        Assert.Equal(user.Email, document.GetProperty("user").GetProperty("email").GetString());
        Assert.True(document.GetProperty("processed_at").GetDateTimeOffset() >= document.GetProperty("received_at").GetDateTimeOffset());

        var metrics = await _client.GetStringAsync("/metrics");
        Assert.Contains("pipeline_events_total{otel_scope_name=\"Platform.Pipeline\",outcome=\"stored\"}", metrics);
        Assert.Contains("pipeline_end_to_end_latency_seconds_bucket", metrics);
        Assert.Contains("kafka_consumer_lag{otel_scope_name=\"Grains.Streaming.Kafka\",partition=", metrics);
    }

    [Fact]
    public async Task A_mixed_batch_itemises_each_rejection_and_accepts_the_rest()
    {
        var good = PipelineKit.NewEvent("mixed-user");
        var badType = PipelineKit.NewEvent("mixed-user");
        badType["event_type"] = "Not Valid";
        var noUser = PipelineKit.NewEvent("mixed-user");
        noUser.Remove("user_id");

        var body = await PipelineKit.PostBatchAsync(_client, [good, badType, noUser]);

        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
        var rejected = body.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([1, 2], rejected.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal(badType["event_id"]!.ToString(), rejected[0].GetProperty("event_id").GetString());
        Assert.True(rejected[0].GetProperty("errors").TryGetProperty("event_type", out _));
        Assert.True(rejected[1].GetProperty("errors").TryGetProperty("user_id", out _));
    }

    [Fact]
    public async Task An_all_invalid_request_is_a_400_problem_and_stores_nothing()
    {
        var invalid = PipelineKit.NewEvent("nobody-valid");
        invalid["timestamp"] = "yesterday";
        var response = await _client.PostAsync("/api/events", Json(new JsonObject { ["batch"] = new JsonArray(invalid.DeepClone()) }));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, problem.GetProperty("accepted").GetInt32());
        Assert.True(problem.GetProperty("rejected")[0].GetProperty("errors").TryGetProperty("timestamp", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/events/{invalid["event_id"]}")).StatusCode);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("{\"batch\": {}}")]
    [InlineData("{\"batch\": []}")]
    [InlineData("\"text\"")]
    public async Task A_body_of_the_wrong_shape_is_a_400_problem(string body)
    {
        var response = await _client.PostAsync("/api/events", new StringContent(body, Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task More_than_500_events_is_a_400_problem()
    {
        var events = Enumerable.Range(0, 501).Select(_ => PipelineKit.NewEvent("big-batch")).ToList();
        await PipelineKit.PostBatchAsync(_client, events, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_and_a_body_over_1_MiB_a_413()
    {
        await (await _client.PostAsync("/api/events", new StringContent("{\"event_id\":", Encoding.UTF8, "application/json"))).AssertProblemAsync(HttpStatusCode.BadRequest);

        var huge = new JsonObject { ["batch"] = new JsonArray(PipelineKit.NewEvent("x")), ["padding"] = new string('x', 1024 * 1024) };
        await (await _client.PostAsync("/api/events", Json(huge))).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_body_not_sent_as_JSON_is_a_415_problem_and_an_empty_one_a_400()
    {
        var received = (await PipelineKit.WaitForDrainedStatsAsync(_client)).Count("received");
        var batch = new JsonObject { ["batch"] = new JsonArray(PipelineKit.NewEvent("wrong-type")) }.ToJsonString();
        await (await _client.PostAsync("/api/events", new StringContent(batch, Encoding.UTF8, "text/plain"))).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        var untyped = new ByteArrayContent(Encoding.UTF8.GetBytes(batch));
        var problem = await (await _client.PostAsync("/api/events", untyped)).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString());
        problem = await (await _client.PostAsync("/api/events", new StringContent("", Encoding.UTF8, "application/json"))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString());
        Assert.Equal(received, (await PipelineKit.WaitForDrainedStatsAsync(_client)).Count("received"));
    }

    [Fact]
    public async Task An_unknown_or_malformed_event_id_is_a_404_problem()
    {
        await (await _client.GetAsync($"/api/events/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync("/api/events/not-a-uuid")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Enrichment_forgets_a_cached_profile_when_the_user_changes()
    {
        var userId = Guid.NewGuid();
        var before = await StoredAsync(PipelineKit.NewEvent(userId.ToString()));
        Assert.Equal(JsonValueKind.Null, before.GetProperty("user").ValueKind);

        await api.Services.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>(userId)
            .CreateAsync(new NewUser(userId, "late@example.com", "Late Comer", "$argon2id$unused", DateTimeOffset.UtcNow));

        var after = await StoredAsync(PipelineKit.NewEvent(userId.ToString()));
        Assert.Equal("late@example.com", after.GetProperty("user").GetProperty("email").GetString());
        Assert.Equal(2, after.GetProperty("sequence").GetInt64());
    }

    private async Task<JsonElement> StoredAsync(JsonObject sent)
    {
        await PipelineKit.PostBatchAsync(_client, [sent]);
        var stored = await Eventually.Until(() => _client.GetAsync($"/api/events/{sent["event_id"]}"),
            r => r.StatusCode == HttpStatusCode.OK, PipelineKit.Drain, "the event to be stored");
        return await stored.Content.ReadFromJsonAsync<JsonElement>();
    }

    internal static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");
}
