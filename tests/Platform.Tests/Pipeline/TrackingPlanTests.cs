using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Grains.Interfaces.Pipeline;
using Grains.Streaming.Kafka.Embedded;

namespace Platform.Tests.Pipeline;

/// <summary>The tracking plan: a JSON Schema per event type for its data, enforced at ingestion and in the pipeline.</summary>
public sealed class TrackingPlanTests
{
    private static readonly JsonObject PurchaseSchema = new()
    {
        ["type"] = "object",
        ["required"] = new JsonArray("amount"),
        ["properties"] = new JsonObject { ["amount"] = new JsonObject { ["type"] = "number", ["minimum"] = 0 } },
    };

    [Fact]
    public async Task In_reject_mode_a_violating_event_is_refused_itemised_and_the_others_are_accepted()
    {
        await using var api = new ApiFactory();
        var operatorClient = api.CreateOperatorClient();
        await SetPlanAsync(operatorClient, "purchase", PurchaseSchema, "reject");

        var good = Purchase(12.5);
        var bad = Purchase("ten");
        var untyped = PipelineKit.NewEvent("buyer");
        var answer = await PipelineKit.PostBatchAsync(api.CreateClient(), [good, bad, untyped]);

        Assert.Equal(2, answer.GetProperty("accepted").GetInt32());
        var rejected = answer.GetProperty("rejected").EnumerateArray().Single();
        Assert.Equal(1, rejected.GetProperty("index").GetInt32());
        Assert.Equal(bad["event_id"]!.GetValue<string>(), rejected.GetProperty("event_id").GetString());
        var violations = rejected.GetProperty("errors").GetProperty("data").EnumerateArray().Select(v => v.GetString()!).ToList();
        Assert.Contains(violations, v => v.StartsWith("data/amount:", StringComparison.Ordinal));

        var all = await PipelineKit.PostBatchAsync(api.CreateClient(), [Purchase(-1)], HttpStatusCode.BadRequest);
        Assert.Equal(0, all.GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task In_flag_mode_a_violating_event_is_stored_with_its_violations()
    {
        await using var api = new ApiFactory();
        var operatorClient = api.CreateOperatorClient();
        await SetPlanAsync(operatorClient, "purchase", PurchaseSchema, "flag");

        var good = Purchase(3);
        var bad = Purchase("three");
        await PipelineKit.PostBatchAsync(api.CreateClient(), [good, bad]);

        var storedBad = await PipelineKit.StoredAsync(operatorClient, bad);
        Assert.Contains(storedBad.GetProperty("violations").EnumerateArray(), v => v.GetString()!.StartsWith("data/amount:", StringComparison.Ordinal));
        Assert.False((await PipelineKit.StoredAsync(operatorClient, good)).TryGetProperty("violations", out _));
    }

    [Fact]
    public async Task Events_written_straight_to_Kafka_are_dead_lettered_or_flagged_the_same_way()
    {
        await using var kafka = EmbeddedKafkaBroker.Start(new());
        await using var api = new ApiFactory(new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = kafka.BootstrapServers });
        var operatorClient = api.CreateOperatorClient();
        await SetPlanAsync(operatorClient, "purchase", PurchaseSchema, "reject");
        await SetPlanAsync(operatorClient, "refund", PurchaseSchema, "flag");
        using var producer = new ProducerBuilder<string?, string>(new ProducerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            Partitioner = Partitioner.Murmur2Random,
        }).Build();

        var rejected = Purchase("lots");
        var flagged = Purchase("some", "refund");
        foreach (var sent in new[] { rejected, flagged })
            await producer.ProduceAsync(PipelineTopics.Raw, new Message<string?, string> { Key = "buyer", Value = sent.ToJsonString() });

        var letter = await Eventually.Until(
            async () => (await operatorClient.GetFromJsonAsync<JsonElement>("/api/pipeline/dlq")).GetProperty("items").EnumerateArray().ToList(),
            l => l.Count == 1, PipelineKit.Drain, "one dead letter");
        Assert.Contains("tracking plan of 'purchase'", letter.Single().GetProperty("reason").GetString());
        Assert.Equal(rejected.ToJsonString(), letter.Single().GetProperty("payload").GetString());
        Assert.NotEmpty((await PipelineKit.StoredAsync(operatorClient, flagged)).GetProperty("violations").EnumerateArray());
    }

    [Theory]
    [InlineData("purchase", """{"schema":{"type":5},"mode":"reject"}""", "schema")]
    [InlineData("purchase", """{"schema":"not a schema","mode":"reject"}""", "schema")]
    [InlineData("purchase", """{"mode":"reject"}""", "schema")]
    [InlineData("purchase", """{"schema":{"type":"object"},"mode":"maybe"}""", "mode")]
    [InlineData("purchase", """{"schema":{"type":"object"}}""", "mode")]
    [InlineData("Not A Type", """{"schema":{"type":"object"},"mode":"flag"}""", null)]
    public async Task A_bad_plan_entry_is_refused_and_changes_nothing(string eventType, string body, string? field)
    {
        await using var api = new ApiFactory();
        var client = api.CreateOperatorClient();
        await SetPlanAsync(client, "purchase", PurchaseSchema, "flag");

        var problem = await (await client.PutAsync($"/api/pipeline/tracking-plan/{Uri.EscapeDataString(eventType)}",
            new StringContent(body, Encoding.UTF8, "application/json"))).AssertProblemAsync(HttpStatusCode.BadRequest);
        if (field is not null) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());

        var entry = (await client.GetFromJsonAsync<JsonElement>("/api/pipeline/tracking-plan")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal(("purchase", "flag"), (entry.GetProperty("event_type").GetString(), entry.GetProperty("mode").GetString()));
        Assert.Equal(PurchaseSchema.ToJsonString(), entry.GetProperty("schema").GetRawText());
    }

    [Fact]
    public async Task Only_operators_change_the_plan_and_a_removed_entry_checks_nothing()
    {
        await using var api = new ApiFactory();
        var client = api.CreateOperatorClient();
        var anonymous = api.CreateClient();
        await (await anonymous.PutAsJsonAsync("/api/pipeline/tracking-plan/purchase", new { schema = PurchaseSchema, mode = "reject" }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync("/api/pipeline/tracking-plan")).AssertProblemAsync(HttpStatusCode.Unauthorized);

        await SetPlanAsync(client, "purchase", PurchaseSchema, "reject");
        await PipelineKit.PostBatchAsync(anonymous, [Purchase("x")], HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/pipeline/tracking-plan/purchase")).StatusCode);
        await (await client.DeleteAsync("/api/pipeline/tracking-plan/purchase")).AssertProblemAsync(HttpStatusCode.NotFound);
        await PipelineKit.PostBatchAsync(anonymous, [Purchase("x")]);
    }

    private static async Task SetPlanAsync(HttpClient operatorClient, string eventType, JsonObject schema, string mode)
    {
        var response = await operatorClient.PutAsJsonAsync($"/api/pipeline/tracking-plan/{eventType}", new { schema, mode });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal((eventType, mode), (body.GetProperty("event_type").GetString(), body.GetProperty("mode").GetString()));
    }

    private static JsonObject Purchase(JsonNode amount, string type = "purchase")
    {
        var purchase = PipelineKit.NewEvent("buyer");
        purchase["event_type"] = type;
        purchase["data"] = new JsonObject { ["amount"] = amount, ["currency"] = "EUR" };
        return purchase;
    }
}
