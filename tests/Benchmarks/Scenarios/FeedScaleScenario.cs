using Benchmarks.Hosting;
using Benchmarks.Load;
using Benchmarks.Report;

namespace Benchmarks.Scenarios;

/// <summary>
/// Post creation on a fresh one-silo and a fresh two-silo cluster (cluster mode; issue 16's scale-out row): every
/// create takes the next feed number and an entry in the current feed segment. On a machine of two cores a second
/// silo adds no cores, only calls between silos, so here the row shows what spreading grains costs, not what more
/// machines would give (docs/benchmarks.md, "Thirteenth").
/// </summary>
public static class FeedScaleScenario
{
    public static async Task RunAsync(PlatformUnderTest platform, BenchmarkSettings settings, ResultTable table)
    {
        if (platform.IsEmbedded || settings.Postgres is not { } postgres) return;

        // Both on fresh clusters of their own, so neither is warmer than the other.
        var one = await CreatesAsync(postgres, silos: 1, settings);
        var two = await CreatesAsync(postgres, silos: 2, settings);
        table.Add(new Row(platform.Mode, "feed: POST /api/posts with two silos (ceiling: one silo, same run)", two.Rate, "req/s",
            one.Rate, "one silo", "≥ 100 % (grows with silos)")
        { Errors = one.Errors + two.Errors });
    }

    private static async Task<LoadResult> CreatesAsync(string postgres, int silos, BenchmarkSettings settings)
    {
        await using var platform = await PlatformUnderTest.StartClusterAsync(postgres, silos);
        using var client = new PlatformClient(platform.BaseUrl);
        var (_, token) = await client.SignUpAsync();
        return await Wrk.RunAsync($"{platform.BaseUrl}/api/posts", settings, WriteScenarios.CreatePostsScript($"Bearer {token}"));
    }
}
