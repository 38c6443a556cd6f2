using Benchmarks.Hosting;
using Benchmarks.Load;
using Benchmarks.Report;

namespace Benchmarks.Scenarios;

/// <summary>Row 3: post creation and add_post, each a grain-state write to the mode's database.</summary>
public static class WriteScenarios
{
    public static async Task RunAsync(PlatformUnderTest platform, BenchmarkSettings settings, ResultTable table)
    {
        using var client = new PlatformClient(platform.BaseUrl);
        var (_, token) = await client.SignUpAsync();
        var json = """
            wrk.method = "POST"
            wrk.headers["Content-Type"] = "application/json"
            """;
        var auth = $"wrk.headers[\"Authorization\"] = \"Bearer {token}\"\n";

        var creates = await Wrk.RunAsync($"{platform.BaseUrl}/api/posts", settings,
            json + auth + "wrk.body = '{\"title\":\"written by wrk\",\"body\":\"tests/Benchmarks\"}'\n");
        table.Add(new Row(platform.Mode, $"writes: POST /api/posts ({platform.Database.Split(' ')[0]})", creates.Rate, "req/s", null, "–", "–")
        { Errors = creates.Errors });

        // Every request adds a pair not added before (until the pairs run out), so each one writes.
        var (posts, collections) = settings.Smoke ? (20, 10) : (200, 50);
        var postIds = await Task.WhenAll(Enumerable.Range(0, posts).Select(_ => client.CreatePostAsync(token)));
        var collectionIds = await Task.WhenAll(Enumerable.Range(0, collections).Select(_ => client.CreateCollectionAsync(token)));
        var script = json + auth + $$"""
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
}
