using System.Diagnostics;
using Platform.Tests.Identity;
using Xunit.Abstractions;

namespace Platform.Tests.Operations;

/// <summary>
/// The cluster as operators run it, under load: 3 silos and 2 Api nodes as real processes on PostgreSQL and
/// the standalone Kafka broker, 20,000 events with duplicates, content writes and SignalR clients. Run alone
/// with tests/cluster-e2e.sh, which prints the counts.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
[Collection(SoloCollection.Name)]
public sealed class ClusterEndToEndTests(ITestOutputHelper output)
{
    private const int Events = 20_000;
    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Silo_killed_under_load_then_a_fourth_joins_loses_and_duplicates_nothing()
    {
        await using var rig = await ClusterRig.StartAsync(silos: 3, apis: 2);
        var (load, report, tally) = await StartLoadAsync(rig);
        await using var _ = tally;

        await Eventually.Until(() => Task.FromResult(report.SentEvents >= Events * 3 / 10), LoadDuration * 2, "30% of the events sent");
        var killedAt = DateTime.UtcNow;
        await rig.Silos[1].Process.KillAsync();
        output.WriteLine($"SIGKILL to silo 2 at {killedAt:HH:mm:ss.fff}, after {report.SentEvents} events");

        await Eventually.Until(() => Task.FromResult(report.SentEvents >= Events * 6 / 10), LoadDuration * 2, "60% of the events sent");
        await rig.StartSiloAsync();
        var joinedAt = DateTime.UtcNow;
        output.WriteLine($"Silo 4 ready at {joinedAt:HH:mm:ss.fff}, after {report.SentEvents} events");

        await load;
        await VerifyAsync(rig, report, tally, joinedAt, $"{killedAt:HH:mm:ss.fff} + {ClusterRig.DetectionWindow}", killedAt, killedAt + ClusterRig.DetectionWindow);
    }

    [Fact]
    public async Task Rolling_restart_of_every_silo_under_load_gives_clients_no_error()
    {
        await using var rig = await ClusterRig.StartAsync(silos: 3, apis: 2);
        var (load, report, tally) = await StartLoadAsync(rig);
        await using var _ = tally;

        var restarted = DateTime.UtcNow;
        for (var i = 0; i < 3; i++)
        {
            await Eventually.Until(() => Task.FromResult(report.SentEvents >= Events * (i + 1) / 5), LoadDuration * 2, "the load to move on");
            var old = rig.Silos[i].Process;
            var watch = Stopwatch.StartNew();
            await old.StopAsync(TimeSpan.FromSeconds(60));
            output.WriteLine($"Silo {i + 1} stopped by SIGTERM in {watch.Elapsed.TotalSeconds:F1} s, after {report.SentEvents} events");
            await rig.StartSiloAsync();
            restarted = DateTime.UtcNow;
        }

        await load;
        await PostAfterEveryChangeAsync(rig, tally, restarted);
        await VerifyAsync(rig, report, tally, restarted, "none", DateTime.MaxValue, DateTime.MaxValue);
    }

    /// <summary>
    /// The load can end while the last silo is still starting (a suite run saw it), leaving no post after the last
    /// change: one more post, made after every change, must reach every client.
    /// </summary>
    private static async Task PostAfterEveryChangeAsync(ClusterRig rig, NotificationTally tally, DateTime lastChange)
    {
        using var http = new HttpClient { BaseAddress = rig.Apis[^1].Url };
        var author = await TestUsers.SignUpAsync(http);
        http.DefaultRequestHeaders.Authorization = new("Bearer", author.AccessToken);
        (await http.PostAsJsonAsync("/api/posts", new { title = "after every silo change" })).EnsureSuccessStatusCode();
        await Eventually.True(() => Task.FromResult(tally.FewestSince(lastChange) > 0), TimeSpan.FromSeconds(30),
            () => "the post made after the last change to reach every client");
    }

    private static async Task<(Task Load, LoadReport Report, NotificationTally Tally)> StartLoadAsync(ClusterRig rig)
    {
        var apis = rig.Apis.Select(a => a.Url).ToList();
        using var http = new HttpClient { BaseAddress = apis[0] };
        var tokens = new List<string>();
        for (var i = 0; i < 4; i++) tokens.Add((await TestUsers.SignUpAsync(http)).AccessToken);

        // Cluster mode requires a write key for events (Pipeline:RequireWriteKey is on there by default).
        http.DefaultRequestHeaders.Authorization = new("Bearer", ClusterRig.OperatorToken);
        var source = await Pipeline.EventSourcesTests.CreateSourceAsync(http, "load");
        http.DefaultRequestHeaders.Authorization = null;

        var tally = await NotificationTally.ConnectAsync(apis);
        var report = new LoadReport();
        return (RunLoadAsync(new ClientLoad(apis, tokens, source.GetProperty("write_key").GetString()!, report)), report, tally);
    }

    private static async Task RunLoadAsync(ClientLoad load)
    {
        using (load) await load.RunAsync(Events, LoadDuration);
    }

    private async Task VerifyAsync(ClusterRig rig, LoadReport report, NotificationTally tally, DateTime lastChange, string window, DateTime windowFrom, DateTime windowTo)
    {
        var accepted = report.AcceptedIds.Keys.ToList();
        var (stored, rows) = await ClusterChecks.WaitStoredAsync(rig.DatabaseConnectionString, accepted, DrainTimeout);

        var api = rig.Apis[0].Url;
        var unreadablePosts = await ClusterChecks.UnreadableAsync(api, "/api/posts", report.Posts);
        var unreadableCollections = await ClusterChecks.UnreadableAsync(api, "/api/collections", report.Collections);
        var postsAfter = tally.FewestSince(lastChange);
        var outside = report.FailuresOutside(windowFrom, windowTo);

        output.WriteLine($"events: sent {report.SentEvents}, accepted {report.AcceptedEvents} ({accepted.Count} distinct ids, " +
            $"{report.AcceptedEvents - accepted.Count} duplicates), stored {stored} of them, rows {rows}, lost {accepted.Count - stored}");
        output.WriteLine($"content: {report.Posts.Count} posts ({unreadablePosts.Count} unreadable), " +
            $"{report.Collections.Count} collections ({unreadableCollections.Count} unreadable)");
        output.WriteLine($"notifications: post.created per client {string.Join(", ", tally.Created.Select(c => c.Count))}; " +
            $"fewest after the last change {postsAfter}");
        output.WriteLine($"clients: {report.Describe()}; detection window {window}; failures outside it {outside}");

        Assert.True(stored == accepted.Count, $"lost {accepted.Count - stored} accepted events");
        Assert.Equal(accepted.Count, rows);
        Assert.Empty(unreadablePosts);
        Assert.Empty(unreadableCollections);
        Assert.True(postsAfter > 0, "no post notification reached some client after the last silo change");
        Assert.True(outside == 0, $"{report.DescribeFailures()}{Environment.NewLine}{rig.FailureLines()}");
    }
}
