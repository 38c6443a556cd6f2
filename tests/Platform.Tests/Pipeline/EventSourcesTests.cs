using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Grains.Interfaces.Pipeline;
using Grains.Streaming.Kafka.Embedded;
using Platform.Tests.Identity;

namespace Platform.Tests.Pipeline;

/// <summary>Event sources: operators issue write keys; events sent with one are the source's, limited and counted as its own.</summary>
public sealed class EventSourcesTests
{
    [Fact]
    public async Task A_write_key_is_shown_once_and_masked_in_the_list_and_only_operators_manage_sources()
    {
        await using var api = new ApiFactory();
        var operatorClient = api.CreateOperatorClient();
        var anonymous = api.CreateClient();

        var created = await CreateSourceAsync(operatorClient, "web", rateLimit: 7);
        var key = created.GetProperty("write_key").GetString()!;
        Assert.StartsWith("wk_", key);
        Assert.True(key.Length > 40, key);
        Assert.Equal(7, created.GetProperty("rate_limit").GetInt32());

        var listed = (await operatorClient.GetFromJsonAsync<JsonElement>("/api/pipeline/sources")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal("web", listed.GetProperty("name").GetString());
        var masked = listed.GetProperty("write_key").GetString()!;
        Assert.NotEqual(key, masked);
        Assert.EndsWith("…", masked);
        Assert.StartsWith(masked.TrimEnd('…'), key);

        await (await anonymous.GetAsync("/api/pipeline/sources")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsJsonAsync("/api/pipeline/sources", new { name = "sneaky" })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.DeleteAsync($"/api/pipeline/sources/{created.GetProperty("id")}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("""{"name":"Web App"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"name":""}""", HttpStatusCode.BadRequest)]
    [InlineData("""{}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"name":"ok","rate_limit":0}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"name":"taken"}""", HttpStatusCode.Conflict)]
    public async Task A_bad_or_duplicate_source_is_refused_and_nothing_is_created(string body, HttpStatusCode status)
    {
        await using var api = new ApiFactory();
        var client = api.CreateOperatorClient();
        await CreateSourceAsync(client, "taken");

        await (await client.PostAsync("/api/pipeline/sources", new StringContent(body, Encoding.UTF8, "application/json"))).AssertProblemAsync(status);
        var names = (await client.GetFromJsonAsync<JsonElement>("/api/pipeline/sources")).GetProperty("items").EnumerateArray()
            .Select(s => s.GetProperty("name").GetString());
        Assert.Equal(["taken"], names);
        await (await client.PostAsync($"/api/pipeline/sources/{Guid.NewGuid()}/rotate", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/pipeline/sources/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Events_sent_with_a_key_carry_their_source_on_Kafka_and_count_on_its_counters()
    {
        await using var kafka = EmbeddedKafkaBroker.Start(new());
        await using var api = new ApiFactory(new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = kafka.BootstrapServers });
        var operatorClient = api.CreateOperatorClient();
        var source = await CreateSourceAsync(operatorClient, "mobile-app.v2");
        var key = source.GetProperty("write_key").GetString()!;

        var byHeader = PipelineKit.NewEvent("source-user");
        await SendAsync(api.CreateClient(), key, [byHeader, PipelineKit.NewEvent("source-user"), new JsonObject { ["event_type"] = "broken" }]);
        var byBasic = PipelineKit.NewEvent("source-user");
        await SendAsync(api.CreateClient(), key, [byBasic], basic: true);

        var headers = ConsumeRawHeaders(kafka.BootstrapServers, 3);
        Assert.All(headers, h => Assert.Equal(("mobile-app.v2", source.GetProperty("id").GetString()), (h.Name, h.Id)));

        var sources = (await PipelineKit.StatsAsync(operatorClient)).GetProperty("sources");
        var counts = sources.GetProperty("mobile-app.v2");
        Assert.Equal((4, 3, 1, 0), (counts.Count("received"), counts.Count("accepted"), counts.Count("rejected"), counts.Count("rate_limited")));

        var metrics = await api.CreateClient().GetStringAsync("/metrics");
        Assert.Contains("""source="mobile-app.v2""", metrics);
    }

    [Fact]
    public async Task A_rotated_key_keeps_working_for_the_grace_period_and_a_deleted_source_key_stops_at_once()
    {
        var clock = new TestClock();
        await using var api = new ApiFactory(new Dictionary<string, string?> { ["Pipeline:WriteKeyGrace"] = "00:10:00" }, clock: clock);
        var operatorClient = api.CreateOperatorClient();
        var client = api.CreateClient();
        var source = await CreateSourceAsync(operatorClient, "backend");
        var oldKey = source.GetProperty("write_key").GetString()!;

        var rotated = await (await operatorClient.PostAsync($"/api/pipeline/sources/{source.GetProperty("id")}/rotate", null))
            .Content.ReadFromJsonAsync<JsonElement>();
        var newKey = rotated.GetProperty("write_key").GetString()!;
        Assert.NotEqual(oldKey, newKey);
        await SendAsync(client, oldKey, [PipelineKit.NewEvent("u")]);
        await SendAsync(client, newKey, [PipelineKit.NewEvent("u")]);

        clock.Advance(TimeSpan.FromMinutes(10));
        await SendAsync(client, oldKey, [PipelineKit.NewEvent("u")], expected: HttpStatusCode.Unauthorized);
        await SendAsync(client, newKey, [PipelineKit.NewEvent("u")]);

        Assert.Equal(HttpStatusCode.NoContent, (await operatorClient.DeleteAsync($"/api/pipeline/sources/{source.GetProperty("id")}")).StatusCode);
        var refused = await SendAsync(client, newKey, [PipelineKit.NewEvent("u")], expected: HttpStatusCode.Unauthorized);
        Assert.Contains("does not work", refused.GetProperty("detail").GetString());
        Assert.Empty((await operatorClient.GetFromJsonAsync<JsonElement>("/api/pipeline/sources")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Each_source_has_its_own_rate_limit()
    {
        await using var api = new ApiFactory();
        var operatorClient = api.CreateOperatorClient();
        var client = api.CreateClient();
        var tight = (await CreateSourceAsync(operatorClient, "tight", rateLimit: 2)).GetProperty("write_key").GetString()!;
        var roomy = (await CreateSourceAsync(operatorClient, "roomy", rateLimit: 1000)).GetProperty("write_key").GetString()!;

        // Ten requests at once through a bucket of 2 a second: some are refused, whatever the second they fall in.
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
            answers.Add((await PostAsync(client, tight, [PipelineKit.NewEvent("t")])).StatusCode);
        Assert.Contains(HttpStatusCode.Accepted, answers);
        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
        Assert.All(answers, a => Assert.True(a is HttpStatusCode.Accepted or HttpStatusCode.TooManyRequests, a.ToString()));
        for (var i = 0; i < 10; i++)
            await SendAsync(client, roomy, [PipelineKit.NewEvent("r")]);

        var sources = (await PipelineKit.StatsAsync(operatorClient)).GetProperty("sources");
        Assert.Equal(answers.Count(a => a == HttpStatusCode.TooManyRequests), sources.GetProperty("tight").Count("rate_limited"));
        Assert.Equal(0, sources.GetProperty("roomy").Count("rate_limited"));
    }

    [Fact]
    public async Task With_keys_required_an_event_without_a_key_is_401_and_a_wrong_key_is_401_in_every_mode()
    {
        await using var api = new ApiFactory(new Dictionary<string, string?> { ["Pipeline:RequireWriteKey"] = "true" });
        var client = api.CreateClient();
        var before = await PipelineKit.StatsAsync(client);

        var missing = await PostAsync(client, null, [PipelineKit.NewEvent("u")]);
        await missing.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("Basic", missing.Headers.WwwAuthenticate.ToString());
        await (await PostAsync(client, "wk_not-a-key", [PipelineKit.NewEvent("u")])).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(before.Count("received"), (await PipelineKit.StatsAsync(client)).Count("received"));

        await using var open = new ApiFactory();
        await (await PostAsync(open.CreateClient(), "wk_not-a-key", [PipelineKit.NewEvent("u")])).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await SendAsync(open.CreateClient(), null, [PipelineKit.NewEvent("u")]);
    }

    [Fact]
    public async Task A_signed_in_user_writes_events_of_their_own_only()
    {
        await using var api = new ApiFactory();
        var client = api.CreateClient();
        var user = await TestUsers.SignUpAsync(client);
        client.DefaultRequestHeaders.Authorization = new("Bearer", user.AccessToken);
        var claimsSomebodyElse = PipelineKit.NewEvent("somebody-else");
        var claimsNobody = PipelineKit.NewEvent("x");
        claimsNobody.Remove("user_id");

        await SendAsync(client, null, [claimsSomebodyElse, claimsNobody]);

        var operatorClient = api.CreateOperatorClient();
        foreach (var sent in new[] { claimsSomebodyElse, claimsNobody })
            Assert.Equal(user.Id.ToString(), (await PipelineKit.StoredAsync(operatorClient, sent)).GetProperty("user_id").GetString());
    }

    internal static async Task<JsonElement> CreateSourceAsync(HttpClient operatorClient, string name, int? rateLimit = null)
    {
        var response = await operatorClient.PostAsJsonAsync("/api/pipeline/sources", new { name, rate_limit = rateLimit });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        Assert.Equal($"/api/pipeline/sources/{JsonDocument.Parse(text).RootElement.GetProperty("id")}", response.Headers.Location?.OriginalString);
        return JsonDocument.Parse(text).RootElement;
    }

    internal static async Task<JsonElement> SendAsync(HttpClient client, string? key, IEnumerable<JsonObject> events,
        HttpStatusCode expected = HttpStatusCode.Accepted, bool basic = false)
    {
        var response = await PostAsync(client, key, events, basic);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string? key, IEnumerable<JsonObject> events, bool basic = false)
    {
        var body = new JsonObject { ["batch"] = new JsonArray([.. events.Select(e => (JsonNode)e.DeepClone())]) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        if (key is not null && basic)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:")));
        else if (key is not null)
            request.Headers.Add("X-Write-Key", key);
        return await client.SendAsync(request);
    }

    private static List<(string? Name, string? Id)> ConsumeRawHeaders(string bootstrap, int count)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"test-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(PipelineTopics.Raw);
        var found = new List<(string?, string?)>();
        var deadline = DateTime.UtcNow + PipelineKit.Drain;
        while (found.Count < count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromSeconds(1)) is not { Message: { } message }) continue;
            found.Add((Header(message.Headers, PipelineTopics.SourceNameHeader), Header(message.Headers, PipelineTopics.SourceIdHeader)));
        }
        Assert.Equal(count, found.Count);
        return found;

        static string? Header(Headers headers, string name) =>
            headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
    }
}
