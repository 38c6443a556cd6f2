using Benchmarks.Hosting;
using Benchmarks.Load;
using Benchmarks.Report;

namespace Benchmarks.Scenarios;

/// <summary>Rows 2 and 4: post reads and token checks against bare Kestrel serving the same bodies, then logins against raw Argon2id.</summary>
public static class HttpScenarios
{
    public static async Task RunAsync(PlatformUnderTest platform, BenchmarkSettings settings, ResultTable table)
    {
        using var client = new PlatformClient(platform.BaseUrl);
        var (email, token) = await client.SignUpAsync();
        var postId = await client.CreatePostAsync(token);
        var bearer = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" };
        var bodies = new Dictionary<string, string>
        {
            ["post"] = await client.GetTextAsync($"/api/posts/{postId}"),
            ["verify"] = await client.GetTextAsync("/auth/verify", token),
        };

        var (bare, bareUrl) = await BareServer.StartAsync(bodies);
        await using (bare)
        {
            var reads = await Wrk.RunAsync($"{platform.BaseUrl}/api/posts/{postId}", settings);
            var bareReads = await Wrk.RunAsync($"{bareUrl}/post", settings);
            Rates(table, platform, "reads: GET /api/posts/{id}", reads, bareReads, "bare Kestrel, same JSON", "≥ 50 %");

            var verify = await Wrk.RunAsync($"{platform.BaseUrl}/auth/verify", settings, headers: bearer);
            var bareVerify = await Wrk.RunAsync($"{bareUrl}/verify", settings, headers: bearer);
            Rates(table, platform, "tokens: GET /auth/verify", verify, bareVerify, "bare Kestrel, same JSON", "≥ 50 %");
        }

        await LogInsAsync(platform, settings, table, client, email);
    }

    private static async Task LogInsAsync(PlatformUnderTest platform, BenchmarkSettings settings, ResultTable table, PlatformClient client, string email)
    {
        // A few accounts, so per-account state is not the only thing measured.
        var emails = new List<string> { email };
        for (var i = 0; i < 3; i++) emails.Add((await client.SignUpAsync()).Email);
        var script = $$"""
            local emails = { {{string.Join(", ", emails.Select(e => $"\"{e}\""))}} }
            local i = 0
            wrk.method = "POST"
            wrk.headers["Content-Type"] = "application/json"
            request = function()
              i = i % #emails + 1
              return wrk.format(nil, "/auth/login", nil, '{"email":"' .. emails[i] .. '","password":"{{PlatformClient.Password}}"}')
            end
            """;
        var logins = await Wrk.RunAsync(platform.BaseUrl, settings, script, warmUp: settings.WrkWarmUp * 4);
        var hashes = Argon2Ceiling.Measure(settings.WrkDuration);
        table.Add(new Row(platform.Mode, "login: POST /auth/login", logins.Rate, "logins/s", hashes,
            $"raw Argon2id m=19456,t=2,p=1 on {Environment.ProcessorCount} threads", "≥ 90 %")
        { Errors = logins.Errors });
        table.Add(new Row(platform.Mode, "login p99", logins.P99, "ms", null, "–", "–", LowerIsBetter: true));
    }

    private static void Rates(ResultTable table, PlatformUnderTest platform, string name, LoadResult ours, LoadResult bare, string ceiling, string goal)
    {
        table.Add(new Row(platform.Mode, name, ours.Rate, "req/s", bare.Rate, ceiling, goal) { Errors = ours.Errors });
        table.Add(new Row(platform.Mode, $"{name} p99", ours.P99, "ms", bare.P99, ceiling, "–", LowerIsBetter: true));
    }
}
