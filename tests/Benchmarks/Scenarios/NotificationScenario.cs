using System.Diagnostics;
using System.Net.WebSockets;
using Benchmarks.Hosting;
using Benchmarks.Load;
using Benchmarks.Report;
using Platform.Testing;

namespace Benchmarks.Scenarios;

/// <summary>
/// Row 5: many anonymous clients on the plain WebSocket endpoint. Latency: one post at a time, from just before its
/// POST to each client's receipt. Throughput: posts written concurrently, notifications received per second. Replay:
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
        await using var subscribers = await Subscribers.ConnectAsync(url, settings.Subscribers);

        var latencies = new List<double>();
        // Per post, the first and the last subscriber's: the first is the write and its way to the node, the spread the fan-out.
        var (firsts, answers, lasts) = (new List<double>(), new List<double>(), new List<double>());
        for (var i = 0; i < settings.LatencyPosts; i++)
        {
            var expected = subscribers.Received + settings.Subscribers;
            var post = new List<double>(settings.Subscribers);
            var sent = Stopwatch.GetTimestamp();
            subscribers.StartLatencyWindow(sent, post);
            await client.CreatePostAsync(token);
            answers.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            await subscribers.WaitForAsync(expected, DeliveryTimeout);
            subscribers.StartLatencyWindow(0, null);
            firsts.Add(post.Min());
            lasts.Add(post.Max());
            latencies.AddRange(post);
        }
        var mode = platform.Mode;
        table.Add(new Row(mode, $"notifications p50, post write → delivery, {settings.Subscribers} WebSocket subscribers", Percentiles.Of(latencies, 50), "ms",
            null, "–", "–", LowerIsBetter: true));
        table.Add(new Row(mode, "notifications p99", Percentiles.Of(latencies, 99), "ms", 100, "goal", "< 100 ms", LowerIsBetter: true));
        table.Add(new Row(mode, "notifications, per post: p50 of the write's answer / first subscriber / last subscriber",
            Percentiles.Of(answers, 50), $"ms / {Percentiles.Of(firsts, 50):F1} ms / {Percentiles.Of(lasts, 50):F1} ms", null, "–", "–", LowerIsBetter: true));

        var start = subscribers.Received;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, settings.BurstPosts), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (_, _) => await client.CreatePostAsync(token));
        await subscribers.WaitForAsync(start + (long)settings.BurstPosts * settings.Subscribers, DeliveryTimeout * 3);
        table.Add(new Row(mode, $"notifications delivered ({settings.BurstPosts} posts × {settings.Subscribers} subscribers)",
            (subscribers.Received - start) / clock.Elapsed.TotalSeconds, "notifications/s", null, "–", "–"));
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

    /// <summary>The connected clients; each counts what it receives and, inside a latency window, records how long it took.</summary>
    private sealed class Subscribers : IAsyncDisposable
    {
        private readonly List<ClientWebSocket> _sockets = [];
        private readonly List<Task> _readers = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly Lock _lock = new();
        private long _received;
        private long _windowStart;
        private List<double>? _window;

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

        public void StartLatencyWindow(long start, List<double>? latencies)
        {
            lock (_lock) (_windowStart, _window) = (start, latencies);
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
            await _stop.CancelAsync();
            foreach (var socket in _sockets) socket.Abort();
            await Task.WhenAll(_readers);
            foreach (var socket in _sockets) socket.Dispose();
            _stop.Dispose();
        }

        private async Task ReadAsync(ClientWebSocket socket)
        {
            var buffer = new byte[8192];
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var result = await socket.ReceiveAsync(buffer, _stop.Token);
                    if (result.MessageType == WebSocketMessageType.Close) return;
                    if (!result.EndOfMessage) continue;
                    var now = Stopwatch.GetTimestamp();
                    lock (_lock) _window?.Add(Stopwatch.GetElapsedTime(_windowStart, now).TotalMilliseconds);
                    Interlocked.Increment(ref _received);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
            }
        }
    }
}
