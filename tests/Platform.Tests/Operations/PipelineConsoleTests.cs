using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using Grains.Interfaces.Pipeline;
using Grains.Streaming.Kafka.Embedded;
using Platform.Tests.Pipeline;

namespace Platform.Tests.Operations;

/// <summary>
/// The pipeline console at /console: operator-only, nothing loaded from elsewhere, a stream of snapshots and a filtered
/// live tail, and, in Debian's Chromium driven by puppeteer-core, numbers that move and a dead letter replayed.
/// </summary>
public sealed partial class PipelineConsoleTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly EmbeddedKafkaBroker _kafka = EmbeddedKafkaBroker.Start(new());
    private ApiFactory _api = null!;
    private HttpClient _operator = null!;

    public Task InitializeAsync()
    {
        _api = new ApiFactory(new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = _kafka.BootstrapServers }, kestrel: true);
        _operator = _api.CreateKestrelClient();
        _operator.DefaultRequestHeaders.Authorization = new("Bearer", ApiFactory.TestOperatorToken);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _operator.Dispose();
        await _api.DisposeAsync();
        await _kafka.DisposeAsync();
    }

    [Fact]
    public async Task The_page_needs_an_operator_opens_with_the_token_as_basic_password_and_loads_nothing_from_elsewhere()
    {
        using var browser = _api.CreateKestrelClient();
        var anonymous = await browser.GetAsync("/console");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("Basic", anonymous.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/console/assets/console.js")).StatusCode);
        browser.DefaultRequestHeaders.Authorization = Basic("operator", "not the token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/console")).StatusCode);

        browser.DefaultRequestHeaders.Authorization = Basic("operator", ApiFactory.TestOperatorToken);
        var page = await browser.GetAsync("/console");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);

        var html = await page.Content.ReadAsStringAsync();
        var assets = Asset().Matches(html).Select(m => m.Groups["url"].Value).Where(u => !u.StartsWith("data:", StringComparison.Ordinal)).ToList();
        Assert.Equal(["/console/assets/console.css", "/console/assets/console.js"], assets.Order());
        foreach (var text in assets.Select(async a => await AssetTextAsync(browser, a)).Append(Task.FromResult(html)))
            Assert.DoesNotMatch(ExternalUrl(), await text);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/console/assets/console.html")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/console/assets/other.js")).StatusCode);
    }

    [Fact]
    public async Task The_stream_sends_a_snapshot_each_second_and_only_the_events_its_filter_asks_for()
    {
        using var cancel = new CancellationTokenSource(Deadline);
        using var response = await _operator.GetAsync("/console/stream?type=console.kept&source=", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var body = await response.Content.ReadAsStreamAsync(cancel.Token);
        var items = SseParser.Create(body).EnumerateAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);

        var first = await NextAsync(items, "snapshot");
        var snapshot = JsonDocument.Parse(first.Data).RootElement;
        Assert.Contains(snapshot.GetProperty("silos").EnumerateArray(), s => s.GetProperty("status").GetString() == "Active");
        Assert.Equal(PipelineTopologyPartitions, snapshot.GetProperty("lag").GetArrayLength());
        Assert.True(snapshot.GetProperty("pipeline").TryGetProperty("sources", out _));

        // The tail reads from the log's end once it is up: send until a kept event shows, each batch with one to leave out.
        var sender = _api.CreateClient();
        var shown = new List<JsonElement>();
        var snapshots = 1;
        using var sending = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            while (!sending.IsCancellationRequested)
            {
                await PipelineKit.PostBatchAsync(sender, [Typed("console.kept"), Typed("console.other")]);
                await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
            }
        });
        while (shown.Count == 0 || snapshots < 3)
        {
            var item = await NextAsync(items, null);
            if (item.EventType == "snapshot") snapshots++;
            else if (item.EventType == "events")
                shown.AddRange(JsonDocument.Parse(item.Data).RootElement.GetProperty("events").EnumerateArray().Select(e => e.Clone()));
        }
        await sending.CancelAsync();
        await load;

        Assert.All(shown, e => Assert.Equal("console.kept", e.GetProperty("event_type").GetString()));
        var tailed = shown[0];
        Assert.Equal("console.kept", tailed.GetProperty("event").GetProperty("event_type").GetString());
        Assert.False(string.IsNullOrEmpty(tailed.GetProperty("event_id").GetString()));
        Assert.InRange(tailed.GetProperty("partition").GetInt32(), 0, PipelineTopologyPartitions - 1);
    }

    [Fact]
    public async Task Browser_kept_basic_credentials_replay_nothing_for_another_site_but_do_for_the_console_itself()
    {
        using var browser = _api.CreateKestrelClient();
        browser.DefaultRequestHeaders.Authorization = Basic("operator", ApiFactory.TestOperatorToken);

        Assert.Equal(HttpStatusCode.Unauthorized, (await ReplayAsync(browser, "cross-site")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ReplayAsync(browser, "same-site")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(browser, "same-origin")).StatusCode);
        // Tools other than browsers send no Sec-Fetch-Site; a bearer token is never sent by a browser on its own.
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(browser, fetchSite: null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(_operator, "cross-site")).StatusCode);
    }

    /// <summary>
    /// The page in Chromium while events flow: connected, the silo listed as Active, the partitions' lag, the accepted
    /// count and rate moving, a tail row, and a dead letter (an event sent under another user's key) replayed with its
    /// row's button, after which the event is stored. Set <c>PLATFORM_CONSOLE_SCREENSHOT</c> to keep the page's picture.
    /// </summary>
    [Fact]
    public async Task In_a_real_browser_the_console_shows_numbers_that_move_and_replays_a_dead_letter()
    {
        var misKeyed = PipelineKit.NewEvent("console-right-key");
        using (var producer = new ProducerBuilder<string?, string>(new ProducerConfig { BootstrapServers = _kafka.BootstrapServers, Partitioner = Partitioner.Murmur2Random }).Build())
            await producer.ProduceAsync(PipelineTopics.Raw, new Message<string?, string> { Key = "console-wrong-key", Value = misKeyed.ToJsonString() });
        await Eventually.Until(async () => (await _operator.GetFromJsonAsync<JsonElement>("/api/pipeline/dlq")).GetProperty("items").GetArrayLength() == 1,
            PipelineKit.Drain, "the dead letter");

        var screenshot = Environment.GetEnvironmentVariable("PLATFORM_CONSOLE_SCREENSHOT") ?? Path.Combine(Path.GetTempPath(), $"console-{Guid.NewGuid():N}.png");
        var info = new ProcessStartInfo("node");
        info.ArgumentList.Add(Path.Combine(PlatformProcess.RepositoryRoot, "tests", "browser", "console-page.mjs"));
        info.ArgumentList.Add(_api.Address!.ToString());
        info.ArgumentList.Add(ApiFactory.TestOperatorToken);
        info.ArgumentList.Add(screenshot);

        var sender = _api.CreateClient();
        using var sending = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            for (var i = 0; !sending.IsCancellationRequested; i++)
            {
                await PipelineKit.PostBatchAsync(sender, [.. Enumerable.Range(0, 1 + (i % 7)).Select(_ => Typed(i % 3 == 0 ? "checkout" : "page_view"))]);
                await Task.Delay(TimeSpan.FromMilliseconds(150), CancellationToken.None);
            }
        });
        ToolRun run;
        try
        {
            run = await ToolRun.RunAsync(info, TimeSpan.FromMinutes(3));
        }
        finally
        {
            await sending.CancelAsync();
            await load;
        }

        Assert.True(run.ExitCode == 0, $"console-page.mjs failed ({run.ExitCode}): {run.Errors}");
        var report = JsonDocument.Parse(run.Output.Trim().Split('\n')[^1]).RootElement;
        var missed = report.GetProperty("steps").EnumerateObject().Where(s => !s.Value.GetBoolean()).Select(s => s.Name).ToList();
        Assert.True(missed.Count == 0, $"not seen: {string.Join(", ", missed)}; {report}");
        Assert.Equal(6, report.GetProperty("steps").EnumerateObject().Count());
        Assert.Empty(report.GetProperty("failed").EnumerateArray());
        Assert.Empty(report.GetProperty("consoleErrors").EnumerateArray());
        Assert.Equal("Pipeline console", report.GetProperty("title").GetString());
        Assert.Equal("Replayed 1 of 1 matching dead letters", report.GetProperty("status").GetString());

        // What the button did: the letter left the queue and the event, back under its own key, was stored.
        var stored = await PipelineKit.StoredAsync(_operator, misKeyed);
        Assert.Equal("console-right-key", stored.GetProperty("user_id").GetString());
        Assert.Equal(0, (await _operator.GetFromJsonAsync<JsonElement>("/api/pipeline/dlq")).GetProperty("items").GetArrayLength());
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await File.ReadAllBytesAsync(screenshot))[..4]);
    }

    private const int PipelineTopologyPartitions = Grains.Pipeline.PipelineTopology.DefaultRawPartitions;

    private static JsonObject Typed(string eventType)
    {
        var sent = PipelineKit.NewEvent($"console-user-{Guid.NewGuid():N}"[..20]);
        sent["event_type"] = eventType;
        return sent;
    }

    private static async Task<SseItem<string>> NextAsync(IAsyncEnumerator<SseItem<string>> items, string? eventType)
    {
        while (await items.MoveNextAsync())
        {
            if (eventType is null || items.Current.EventType == eventType) return items.Current;
        }
        throw new InvalidOperationException("The console's stream ended.");
    }

    private static Task<HttpResponseMessage> ReplayAsync(HttpClient client, string? fetchSite)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/pipeline/dlq/replay")
        {
            Content = new StringContent("""{"dry_run":true}""", Encoding.UTF8, "application/json"),
        };
        if (fetchSite is not null) request.Headers.Add("Sec-Fetch-Site", fetchSite);
        return client.SendAsync(request);
    }

    private static async Task<string> AssetTextAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    [GeneratedRegex("""(?:src|href)="(?<url>[^"]+)""")]
    private static partial Regex Asset();

    [GeneratedRegex(@"https?://")]
    private static partial Regex ExternalUrl();
}
