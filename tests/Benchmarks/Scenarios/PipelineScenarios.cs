using System.Diagnostics;
using System.Net;
using System.Text;
using Benchmarks.Hosting;
using Benchmarks.Load;
using Benchmarks.Report;
using Confluent.Kafka;

namespace Benchmarks.Scenarios;

/// <summary>
/// Row 1: events from POST /api/events to stored rows (10 % exact re-sends) against plain Kafka produce + consume of
/// the same events; latency at half that rate. Then issue #6's row: events written straight to events.raw, read by
/// the Orleans stream provider's implicit subscribers into the store, against a plain consumer of the same messages.
/// </summary>
public static class PipelineScenarios
{
    private const int Concurrency = 4;
    private const string RawTopic = "events.raw";
    private static int _unavailable;

    public static async Task RunAsync(PlatformUnderTest platform, BenchmarkSettings settings, ResultTable table)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        using var http = new HttpClient { BaseAddress = new Uri(platform.BaseUrl), Timeout = TimeSpan.FromMinutes(1) };

        // A warm-up on users of its own, so the figure is not the JIT compiler's; then one set of users
        // throughout, so the latency and stream rows meet warm grains, as a running system would.
        await IngestAsync(platform, http, $"w{run}-", Math.Max(2_000, settings.PipelineEvents / 5), settings);
        var users = $"u{run}-";
        var (events, rate) = await IngestAsync(platform, http, users, settings.PipelineEvents, settings);
        var ceiling = await KafkaCeiling.ProduceAndConsumeAsync(platform.KafkaBootstrap, events);
        table.Add(new Row(platform.Mode, "pipeline: POST /api/events batches → stored rows (10 % duplicates)", rate, "events/s", ceiling,
            "Confluent.Kafka produce + consume, same events and broker", "≥ 50 %"));
        if (platform.IsEmbedded)
        {
            // Fresh platforms one after the other, each beside the idle one above, so both kinds meet the same
            // conditions; taken in turns and the best of each kept, since one run of a few seconds varies by ±15 %.
            double journaled = 0, unjournaled = 0;
            for (var round = 0; round < (settings.Smoke ? 1 : 2); round++)
            {
                journaled = Math.Max(journaled, await FreshEmbeddedRateAsync(settings, run, journal: true));
                unjournaled = Math.Max(unjournaled, await FreshEmbeddedRateAsync(settings, run, journal: false));
            }
            table.Add(new Row(platform.Mode, "pipeline journal's cost: a fresh embedded platform's ingest rate, journaling", journaled, "events/s",
                unjournaled, "the same without it, Pipeline:Journal=false (a crash loses events)", "≥ 90 %"));
        }

        var latencies = await LatencyAtAsync(platform, http, rate / 2, settings, users);
        table.Add(new Row(platform.Mode, $"pipeline latency p50 at {rate / 2:N0} events/s (timestamp → processed_at)",
            Percentiles.Of(latencies, 50), "ms", null, "–", "–", LowerIsBetter: true));
        table.Add(new Row(platform.Mode, "pipeline latency p99", Percentiles.Of(latencies, 99), "ms", null, "–", "–", LowerIsBetter: true));

        await StreamProviderAsync(platform, settings, table, users);
    }

    /// <summary>The ingest row again, warm-up included, on an embedded platform of its own, with or without the journal.</summary>
    private static async Task<double> FreshEmbeddedRateAsync(BenchmarkSettings settings, string run, bool journal)
    {
        await using var fresh = await PlatformUnderTest.StartEmbeddedAsync(new Dictionary<string, string> { ["Pipeline__Journal"] = journal ? "true" : "false" });
        using var http = new HttpClient { BaseAddress = new Uri(fresh.BaseUrl), Timeout = TimeSpan.FromMinutes(1) };
        await IngestAsync(fresh, http, $"w{run}-", Math.Max(2_000, settings.PipelineEvents / 5), settings);
        return (await IngestAsync(fresh, http, $"u{run}-", settings.PipelineEvents, settings)).Rate;
    }

    /// <summary>Posts the events in batches, <see cref="Concurrency"/> at a time; events/s until every unique one is stored.</summary>
    private static async Task<(List<(string UserId, string Json)> Events, double Rate)> IngestAsync(
        PlatformUnderTest platform, HttpClient http, string users, int count, BenchmarkSettings settings)
    {
        var (events, unique) = EventBatches.WithDuplicates(users, count, 0.10);
        var batches = events.Chunk(EventBatches.BatchSize).Select(b => EventBatches.Batch(b.Select(e => e.Json))).ToList();
        var before = await platform.Analytics.CountAsync();
        Interlocked.Exchange(ref _unavailable, 0);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (batch, ct) => await PostAsync(http, batch, ct));
        var accepted = clock.Elapsed;
        await WaitForRowsAsync(platform, before + unique, settings);
        Console.WriteLine($"  {count:N0} events: accepted in {accepted.TotalSeconds:F2} s, stored in {clock.Elapsed.TotalSeconds:F2} s; {_unavailable} batches answered 503 and sent again");
        return (events, count / clock.Elapsed.TotalSeconds);
    }

    private static async Task StreamProviderAsync(PlatformUnderTest platform, BenchmarkSettings settings, ResultTable table, string users)
    {
        var bootstrap = platform.KafkaBootstrap;
        var partitions = KafkaCeiling.Partitions(bootstrap, RawTopic);
        List<TopicPartitionOffset> start;
        using (var probe = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = $"bench-{Guid.NewGuid():N}" }).Build())
            start = [.. partitions.Select(p => new TopicPartitionOffset(p, probe.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High))];

        var before = await platform.Analytics.CountAsync();
        var now = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using (var producer = KafkaCeiling.Producer(bootstrap))
        {
            for (var n = 0; n < settings.StreamEvents; n++)
            {
                var userId = $"{users}{n % EventBatches.Users}";
                KafkaCeiling.Produce(producer, RawTopic, userId, EventBatches.Event(Guid.NewGuid(), userId, n, now));
            }
            producer.Flush(TimeSpan.FromMinutes(1));
        }
        await WaitForRowsAsync(platform, before + settings.StreamEvents, settings);
        var ours = settings.StreamEvents / clock.Elapsed.TotalSeconds;
        var plain = KafkaCeiling.Consume(bootstrap, start, settings.StreamEvents);
        table.Add(new Row(platform.Mode, "stream provider: events.raw → implicit-subscriber grains → stored rows", ours, "events/s", plain,
            "plain Confluent.Kafka consumer of the same messages", "–"));
    }

    /// <summary>Sends fresh events at <paramref name="rate"/> for the latency duration; milliseconds to processed_at of each.</summary>
    private static async Task<List<double>> LatencyAtAsync(PlatformUnderTest platform, HttpClient http, double rate, BenchmarkSettings settings, string users)
    {
        const int ticksPerSecond = 20;
        var perTick = Math.Max(1, (int)(rate / ticksPerSecond));
        var before = await platform.Analytics.CountAsync();
        var sends = new List<Task>();
        var sent = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / ticksPerSecond));
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < settings.PipelineLatencyDuration && await timer.WaitForNextTickAsync())
        {
            var now = DateTimeOffset.UtcNow;
            var tick = Enumerable.Range(sent, perTick)
                .Select(n => EventBatches.Event(Guid.NewGuid(), $"{users}{n % EventBatches.Users}", n, now, EventBatches.LatencyType));
            sends.AddRange(tick.Chunk(EventBatches.BatchSize).Select(b => PostAsync(http, EventBatches.Batch(b), CancellationToken.None)));
            sent += perTick;
        }
        await Task.WhenAll(sends);
        await WaitForRowsAsync(platform, before + sent, settings);
        return await platform.Analytics.LatenciesAsync(EventBatches.LatencyType);
    }

    private static async Task PostAsync(HttpClient http, string batch, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var content = new StringContent(batch, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync("/api/events", content, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Accepted) return;
            // As a tracking client does: 429 (rate limit) and 503 (the embedded broker has no room yet) are retried.
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable) Interlocked.Increment(ref _unavailable);
            if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new InvalidOperationException($"POST /api/events: {(int)response.StatusCode} {body[..Math.Min(body.Length, 400)]}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    private static async Task WaitForRowsAsync(PlatformUnderTest platform, long expected, BenchmarkSettings settings)
    {
        var deadline = Stopwatch.StartNew();
        var limit = settings.Smoke ? TimeSpan.FromSeconds(30) : TimeSpan.FromMinutes(5);
        long count;
        while ((count = await platform.Analytics.CountAsync()) < expected)
        {
            if (deadline.Elapsed > limit)
            {
                using var http = new HttpClient { BaseAddress = new Uri(platform.BaseUrl) };
                throw new TimeoutException($"The analytics store holds {count} of {expected} rows after {limit}; pipeline stats: {await http.GetStringAsync("/api/pipeline/stats")}");
            }
            await Task.Delay(50);
        }
    }
}
