using Benchmarks.Hosting;
using Benchmarks.Load;
using Benchmarks.Report;

namespace Benchmarks.Scenarios;

/// <summary>
/// Row 3: post creation and add_post, each a grain-state write to the mode's database. In embedded mode post creation
/// is measured against the Django peer (tests/Benchmarks/Peer) on the same machine and wrk, and at half its rate,
/// paced, for the latency.
/// </summary>
public static class WriteScenarios
{
    private const string Json = """
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"

        """;

    /// <summary>wrk's script of post creation, sent with <paramref name="authorization"/> (the platform's bearer token or the peer's).</summary>
    internal static string CreatePostsScript(string authorization) =>
        Json + Header(authorization) + "wrk.body = '{\"title\":\"written by wrk\",\"body\":\"tests/Benchmarks\"}'\n";

    public static async Task RunAsync(PlatformUnderTest platform, BenchmarkSettings settings, ResultTable table)
    {
        using var client = new PlatformClient(platform.BaseUrl);
        var (_, token) = await client.SignUpAsync();
        var creates = await Wrk.RunAsync($"{platform.BaseUrl}/api/posts", settings, CreatePostsScript($"Bearer {token}"));
        var peer = platform.IsEmbedded ? await PeerRateAsync(settings) : null;
        table.Add(new Row(platform.Mode, $"writes: POST /api/posts ({platform.Database.Split(' ')[0]})", creates.Rate, "req/s",
            peer, peer is null ? "–" : "Django 3.2 + DRF 3.14, gunicorn 2 workers, SQLite WAL", peer is null ? "–" : "≥ 100 % (the peer)")
        { Errors = creates.Errors });

        using var paced = new PlatformClient(platform.BaseUrl);
        var latencies = await PacedLoad.RunAsync(creates.Rate / 2, settings.PipelineLatencyDuration, () => paced.CreatePostAsync(token));
        table.Add(new Row(platform.Mode, $"writes: POST /api/posts p99 at half that rate ({creates.Rate / 2:N0} req/s, paced)",
            Percentiles.Of(latencies, 99), "ms", 100, "goal", "< 100 ms", LowerIsBetter: true));

        // Every request adds a pair not added before (until the pairs run out), so each one writes.
        var (posts, collections) = settings.Smoke ? (20, 10) : (200, 50);
        var postIds = await Task.WhenAll(Enumerable.Range(0, posts).Select(_ => client.CreatePostAsync(token)));
        var collectionIds = await Task.WhenAll(Enumerable.Range(0, collections).Select(_ => client.CreateCollectionAsync(token)));
        var script = Json + Header($"Bearer {token}") + $$"""
            local posts = { {{string.Join(", ", postIds.Select(id => $"\"{id}\""))}} }
            local collections = { {{string.Join(", ", collectionIds.Select(id => $"\"{id}\""))}} }
            local threads = 0
            function setup(thread) thread:set("first", threads); threads = threads + 1 end
            function init(args) k = first end
            request = function()
              local c = collections[k % #collections + 1]
              local p = posts[math.floor(k / #collections) % #posts + 1]
              k = k + 2
              return wrk.format(nil, "/api/collections/" .. c .. "/add_post", nil, '{"post_id":"' .. p .. '"}')
            end
            """;
        // No warm-up of its own (the post writes before it warmed the server): it would use up distinct pairs.
        var adds = await Wrk.RunAsync(platform.BaseUrl, settings, script, warmUp: TimeSpan.Zero);
        var repeats = adds.Rate * settings.WrkDuration.TotalSeconds > posts * collections ? " (pairs ran out: some repeats)" : "";
        table.Add(new Row(platform.Mode, $"writes: POST /api/collections/{{id}}/add_post{repeats}", adds.Rate, "req/s", null, "–", "–")
        { Errors = adds.Errors });
    }

    /// <summary>The Django peer's rate for the same wrk load, or null where its Debian packages are missing.</summary>
    private static async Task<double?> PeerRateAsync(BenchmarkSettings settings)
    {
        await using var peer = await DjangoPeer.StartAsync();
        if (peer is null) return null;
        return (await Wrk.RunAsync($"{peer.Url}/api/posts/", settings, CreatePostsScript($"Token {peer.Token}"))).Rate;
    }

    private static string Header(string authorization) => $"wrk.headers[\"Authorization\"] = \"{authorization}\"\n";
}
