using System.Diagnostics;

namespace Benchmarks.Load;

/// <summary>
/// Requests at a fixed rate, whatever the answers' pace (wrk keeps a fixed number in flight instead). Each latency is
/// counted from the moment its request was due, so a stall counts for every request it held up, not only for the one
/// in flight.
/// </summary>
public static class PacedLoad
{
    /// <summary>Latencies in milliseconds of <paramref name="send"/> called <paramref name="rate"/> times a second.</summary>
    public static async Task<IReadOnlyList<double>> RunAsync(double rate, TimeSpan duration, Func<Task> send)
    {
        var count = (int)(rate * duration.TotalSeconds);
        var clock = Stopwatch.StartNew();
        var requests = new List<Task<double>>(count);
        for (var n = 0; n < count; n++)
        {
            var due = TimeSpan.FromSeconds(n / rate);
            if (due - clock.Elapsed is { Ticks: > 0 } wait) await Task.Delay(wait);
            requests.Add(MeasureAsync(due));
        }

        return await Task.WhenAll(requests);

        async Task<double> MeasureAsync(TimeSpan due)
        {
            await send();
            return (clock.Elapsed - due).TotalMilliseconds;
        }
    }
}
