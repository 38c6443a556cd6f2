using System.Collections.Concurrent;
using System.Text.Json;
using Platform.Testing;
using Platform.Tests.Content;
using Platform.Tests.Identity;
using Platform.Tests.Notifications;
using Xunit.Abstractions;

namespace Platform.Tests.Operations;

/// <summary>
/// The public feed's silo is killed (SIGKILL) while a writer creates posts and a subscriber follows them: real silo and
/// Api processes on PostgreSQL. Each of the two first silos is killed in turn, so the one holding the feed is among them.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
[Collection(SoloCollection.Name)]
public sealed class NotificationFailoverTests(ITestOutputHelper output)
{
    private const int AcksPerPhase = 40;
    private static readonly TimeSpan Patience = ClusterRig.DetectionWindow * 4;

    [Fact]
    public async Task After_the_feeds_silo_is_killed_resuming_works_and_every_acknowledged_change_is_in_the_feed_once()
    {
        await using var rig = await ClusterRig.StartAsync(silos: 2, apis: 1);
        var api = rig.Apis[0].Url;
        using var http = new HttpClient { BaseAddress = api };
        var writer = await TestUsers.SignUpAsync(http);
        using var stop = new CancellationTokenSource();
        using var follower = new Follower(api);
        var following = follower.RunAsync();
        await Eventually.Until(() => Task.FromResult(follower.Connections > 0), Patience, "the follower to connect");
        var acknowledged = new ConcurrentQueue<string>();
        var writing = WriteAsync(http.BaseAddress!, writer.AccessToken, acknowledged, stop.Token);

        await Eventually.Until(() => Task.FromResult(acknowledged.Count >= AcksPerPhase), Patience, "the first posts");
        foreach (var victim in new[] { rig.Silos[0].Process, rig.Silos[1].Process })
        {
            var before = acknowledged.Count;
            await victim.KillAsync();
            output.WriteLine($"SIGKILL to a silo after {before} acknowledged posts");
            // The follower goes away too, and comes back while the dead silo is still being detected.
            follower.Reconnect();
            if (victim == rig.Silos[0].Process) await rig.StartSiloAsync();
            await Eventually.Until(() => Task.FromResult(acknowledged.Count >= before + AcksPerPhase), Patience, "posts acknowledged after the kill");
        }
        await stop.CancelAsync();
        await writing;

        var acked = acknowledged.ToHashSet();
        await Eventually.Until(() => Task.FromResult(follower.Missing(acked).Count == 0), Patience,
            $"the follower to have every acknowledged post");
        var replay = await ReplayAllAsync(api);
        output.WriteLine($"{acked.Count} posts acknowledged; the follower connected {follower.Connections} time(s) and got {follower.Ids.Count} notifications; the feed holds {replay.Count}");

        Assert.True(follower.Connections >= 3, $"the follower connected {follower.Connections} time(s)");
        Assert.Equal(follower.Ids.Count, follower.Ids.Distinct().Count());
        Assert.True(follower.Ids.Select(long.Parse).Zip(follower.Ids.Skip(1).Select(long.Parse)).All(pair => pair.First < pair.Second), "ids out of order");
        Assert.True(acked.IsSubsetOf(replay.Select(n => n.ResourceId)), "an acknowledged post is missing from the feed");
        Assert.Equal(replay.Count, replay.Select(n => n.ResourceId).Distinct().Count());
        follower.Dispose();
        await following;
    }

    /// <summary>Creates posts one after another until stopped; a post is acknowledged by its 201.</summary>
    private static async Task WriteAsync(Uri api, string token, ConcurrentQueue<string> acknowledged, CancellationToken stop)
    {
        using var client = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            try
            {
                var response = await client.PostAsJsonAsync("/api/posts", new { title = $"post {i}" }, CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.Created)
                    acknowledged.Enqueue((await response.ReadAsync<Grains.Interfaces.Content.Post>(HttpStatusCode.Created)).Id);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Within the detection window a create may fail; it is not acknowledged, so it need not be in the feed.
            }
        }
    }

    private static async Task<List<(string Id, string ResourceId)>> ReplayAllAsync(Uri api)
    {
        using var stream = await EventStreamReader.OpenAsync(api, "/sse/notifications?since=0");
        var all = new List<(string, string)>();
        var head = long.Parse(await NotificationFeedHead.ReadAsync(new Uri($"ws://{api.Authority}/ws/notifications/"), Patience));
        while (all.Count == 0 || long.Parse(all[^1].Item1) < head)
        {
            var notification = await stream.NextNotificationAsync(Patience);
            all.Add((notification.GetProperty("id").GetString()!, notification.GetProperty("resource_id").GetString()!));
        }
        return all;
    }

    /// <summary>An anonymous SSE subscriber that, like EventSource, reconnects with Last-Event-ID whenever its stream breaks.</summary>
    private sealed class Follower(Uri api) : IDisposable
    {
        private readonly Lock _lock = new();
        private readonly List<string> _ids = [];
        private readonly HashSet<string> _created = [];
        private EventStreamReader? _stream;
        private bool _stopped;

        public int Connections { get; private set; }

        public IReadOnlyList<string> Ids
        {
            get { lock (_lock) return [.. _ids]; }
        }

        public IReadOnlyList<string> Missing(IEnumerable<string> posts)
        {
            lock (_lock) return [.. posts.Where(p => !_created.Contains(p))];
        }

        public async Task RunAsync()
        {
            while (!_stopped)
            {
                try
                {
                    var stream = await EventStreamReader.OpenAsync(api, "/sse/notifications", LastId());
                    lock (_lock) (_stream, Connections) = (stream, Connections + 1);
                    while (true)
                        Received(await stream.NextNotificationAsync(Patience));
                }
                catch (Exception) when (!_stopped)
                {
                    // Broken or quiet for too long: connect again from the last id, as EventSource does.
                }
                catch (Exception)
                {
                    return;
                }
            }
        }

        /// <summary>Drops the current stream; the follower connects again from its last id.</summary>
        public void Reconnect()
        {
            lock (_lock) _stream?.Dispose();
        }

        public void Dispose()
        {
            lock (_lock) _stopped = true;
            _stream?.Dispose();
        }

        private string? LastId()
        {
            lock (_lock) return _ids.LastOrDefault();
        }

        private void Received(JsonElement notification)
        {
            lock (_lock)
            {
                _ids.Add(notification.GetProperty("id").GetString()!);
                if (notification.GetProperty("type").GetString() == "post.created")
                    _created.Add(notification.GetProperty("resource_id").GetString()!);
            }
        }
    }
}
