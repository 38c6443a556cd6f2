using System.Diagnostics;
using System.Net.WebSockets;
using Benchmarks.Hosting;
using Benchmarks.Load;
using Benchmarks.Report;
using Platform.Testing;

namespace Benchmarks.Scenarios;

/// <summary>
/// Row 5: many anonymous clients on the plain WebSocket endpoint. Latency: one post at a time, from just before its
/// POST to each client's receipt, against the same clients on a bare Kestrel fan-out (<see cref="BareServer"/>). Throughput: posts written concurrently, notifications received per second. Replay:
/// one client resuming from an id that many notifications have followed, notifications received per second.
/// </summary>
public static class NotificationScenario
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(PlatformUnderTest platform, BenchmarkSettings settings, ResultTable table)
    {
        using var client = new PlatformClient(platform.BaseUrl);
        var (_, token) = await client.SignUpAsync();
        var url = platform.BaseUrl.Replace("http", "ws", StringComparison.Ordinal) + "/ws/notifications/";
        // Before the subscribers connect, so that the posts it needs are not also sent to each of them.
        await MeasureReplayAsync(platform, client, token, url, settings, table);
        var mode = platform.Mode;
        var postId = await client.CreatePostAsync(token);
        // What the ceiling sends: a notification of the same shape and size as the platform's.
        var frame = $$"""{"id":"1","type":"post_created","resource_id":"{{postId}}","actor_id":"{{Guid.NewGuid()}}","at":"{{DateTimeOffset.UtcNow:O}}","data":{{await client.GetTextAsync($"/api/posts/{postId}")}}}""";

        Latency ours;
        await using (var subscribers = await Subscribers.ConnectAsync(url, settings.Subscribers))
        {
            ours = await MeasureLatencyAsync(subscribers, settings, () => client.CreatePostAsync(token));

            var start = subscribers.Received;
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, settings.BurstPosts), new ParallelOptions { MaxDegreeOfParallelism = 8 },
                async (_, _) => await client.CreatePostAsync(token));
            await subscribers.WaitForAsync(start + (long)settings.BurstPosts * settings.Subscribers, DeliveryTimeout * 3);
            table.Add(new Row(mode, $"notifications delivered ({settings.BurstPosts} posts × {settings.Subscribers} subscribers)",
                (subscribers.Received - start) / clock.Elapsed.TotalSeconds, "notifications/s", null, "–", "–"));
        }

        Latency bare;
        var (bareServer, bareUrl) = await BareServer.StartAsync(new Dictionary<string, string> { ["ready"] = "{}" });
        await using (bareServer)
        await using (var subscribers = await Subscribers.ConnectAsync(bareUrl.Replace("http", "ws", StringComparison.Ordinal) + "/ws", settings.Subscribers))
        using (var http = new HttpClient())
        {
            bare = await MeasureLatencyAsync(subscribers, settings, async () =>
                (await http.PostAsync($"{bareUrl}/broadcast", new StringContent(frame))).EnsureSuccessStatusCode());
        }

        const string ceiling = "bare Kestrel WebSocket fan-out of the same frame";
        table.Add(new Row(mode, $"notifications p50, post write → delivery, {settings.Subscribers} WebSocket subscribers", ours.Percentile(50), "ms",
            bare.Percentile(50), ceiling, "–", LowerIsBetter: true));
        table.Add(new Row(mode, "notifications p99", ours.Percentile(99), "ms", 100, "goal", "< 100 ms", LowerIsBetter: true));
        table.Add(new Row(mode, "notifications p99 against the ceiling", ours.Percentile(99), "ms", bare.Percentile(99), ceiling, "–", LowerIsBetter: true));
        table.Add(new Row(mode, "notifications, per post: p50 of the write's answer / first subscriber / last subscriber",
            ours.Answer, ours.Spread, null, "–", "–", LowerIsBetter: true));
        table.Add(new Row(mode, "ceiling, per post: p50 of the broadcast's answer / first subscriber / last subscriber",
            bare.Answer, bare.Spread, null, "–", "–", LowerIsBetter: true));
    }

    /// <summary>One write at a time, from just before it to each subscriber's receipt of what it caused.</summary>
    private static async Task<Latency> MeasureLatencyAsync(Subscribers subscribers, BenchmarkSettings settings, Func<Task> write)
    {
        var latency = new Latency();
        for (var i = 0; i < settings.LatencyPosts; i++)
        {
            var expected = subscribers.Received + settings.Subscribers;
            var sent = Stopwatch.GetTimestamp();
            subscribers.StartLatencyWindow(sent);
            await write();
            latency.Answers.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            await subscribers.WaitForAsync(expected, DeliveryTimeout);
            var deliveries = subscribers.EndLatencyWindow();
            latency.Firsts.Add(deliveries.Min());
            latency.Lasts.Add(deliveries.Max());
            latency.All.AddRange(deliveries);
        }
        return latency;
    }

    /// <summary>
    /// Every delivery's latency; per write, the first and the last subscriber's: the first is the write and its way to
    /// the node, the spread the fan-out.
    /// </summary>
    private sealed class Latency
    {
        public List<double> All { get; } = [];
        public List<double> Answers { get; } = [];
        public List<double> Firsts { get; } = [];
        public List<double> Lasts { get; } = [];

        public double Answer => Percentiles.Of(Answers, 50);
        public string Spread => $"ms / {Percentiles.Of(Firsts, 50):F1} ms / {Percentiles.Of(Lasts, 50):F1} ms";

        public double Percentile(double p) => Percentiles.Of(All, p);
    }

    private static async Task MeasureReplayAsync(PlatformUnderTest platform, PlatformClient client, string token, string url, BenchmarkSettings settings, ResultTable table)
    {
        var from = await NotificationFeedHead.ReadAsync(new Uri(url), DeliveryTimeout);
        await Parallel.ForEachAsync(Enumerable.Range(0, settings.ReplayedNotifications), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (_, _) => await client.CreatePostAsync(token));

        using var socket = new ClientWebSocket();
        var clock = Stopwatch.StartNew();
        await socket.ConnectAsync(new Uri($"{url}?since={from}"), CancellationToken.None);
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(DeliveryTimeout * 6);
        for (var received = 0; received < settings.ReplayedNotifications;)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException($"The replay closed after {received} notifications.");
            if (result.EndOfMessage) received++;
        }
        table.Add(new Row(platform.Mode, $"notifications replayed by a resume ({settings.ReplayedNotifications} after its id, one WebSocket)",
            settings.ReplayedNotifications / clock.Elapsed.TotalSeconds, "notifications/s", null, "–", "–"));
    }

    /// <summary>
    /// The connected clients; each counts what it receives and, inside a latency window, records when it arrived. They
    /// share the cores with the platform, so a receipt costs as little as a WebSocket client allows: no cancellation
    /// token to register per read (the sockets are aborted instead) and no lock (a slot per receipt).
    /// </summary>
    private sealed class Subscribers : IAsyncDisposable
    {
        private readonly List<ClientWebSocket> _sockets = [];
        private readonly List<Task> _readers = [];
        private long _received;
        private Window? _window;

        public long Received => Interlocked.Read(ref _received);

        public static async Task<Subscribers> ConnectAsync(string url, int count)
        {
            var subscribers = new Subscribers();
            foreach (var chunk in Enumerable.Range(0, count).Chunk(50))
            {
                var sockets = await Task.WhenAll(chunk.Select(async _ =>
                {
                    var socket = new ClientWebSocket();
                    await socket.ConnectAsync(new Uri(url), CancellationToken.None);
                    return socket;
                }));
                foreach (var socket in sockets)
                {
                    subscribers._sockets.Add(socket);
                    subscribers._readers.Add(Task.Run(() => subscribers.ReadAsync(socket)));
                }
            }
            return subscribers;
        }

        public void StartLatencyWindow(long start) => Volatile.Write(ref _window, new Window(start, _sockets.Count));

        /// <summary>The latencies, in milliseconds, of what arrived since the window started.</summary>
        public double[] EndLatencyWindow()
        {
            var window = Interlocked.Exchange(ref _window, null)!;
            var count = Math.Min(window.Count, window.Arrivals.Length);
            return [.. window.Arrivals.Take(count).Select(arrival => Stopwatch.GetElapsedTime(window.Start, arrival).TotalMilliseconds)];
        }

        public async Task WaitForAsync(long expected, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (Received < expected)
            {
                if (clock.Elapsed > timeout) throw new TimeoutException($"{Received} of {expected} notifications arrived within {timeout}.");
                await Task.Delay(1);
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var socket in _sockets) socket.Abort();
            await Task.WhenAll(_readers);
            foreach (var socket in _sockets) socket.Dispose();
        }

        private async Task ReadAsync(ClientWebSocket socket)
        {
            var buffer = new byte[8192];
            try
            {
                while (true)
                {
                    var result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close) return;
                    if (!result.EndOfMessage) continue;
                    Volatile.Read(ref _window)?.Record(Stopwatch.GetTimestamp());
                    Interlocked.Increment(ref _received);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
            }
        }

        private sealed class Window(long start, int capacity)
        {
            private int _count;

            public long Start => start;
            public long[] Arrivals { get; } = new long[capacity];
            public int Count => Volatile.Read(ref _count);

            public void Record(long arrival)
            {
                var slot = Interlocked.Increment(ref _count) - 1;
                if (slot < Arrivals.Length) Arrivals[slot] = arrival;
            }
        }
    }
}
