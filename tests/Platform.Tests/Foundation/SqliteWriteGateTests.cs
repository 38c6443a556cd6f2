using System.Collections.Concurrent;
using Silo.Persistence;

namespace Platform.Tests.Foundation;

public sealed class SqliteWriteGateTests
{
    private readonly SqliteWriteGate _gate = new(new PlatformDatabase(SqlDialect.Sqlite, "Data Source=unused.db"));

    [Fact]
    public async Task Writes_somebody_waits_for_overtake_queued_write_behind_ones_and_none_overlap()
    {
        var order = new ConcurrentQueue<string>();
        var running = 0;
        var overlapped = false;
        var release = new TaskCompletionSource();
        Func<Task> Write(string name, Task? until = null) => async () =>
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            order.Enqueue(name);
            if (until is not null) await until;
            else await Task.Yield();
            Interlocked.Decrement(ref running);
        };

        var first = _gate.RunAsync(Write("first", release.Task));
        await Eventually.True(() => order.Contains("first"), TimeSpan.FromSeconds(10), () => "the first write started");
        var queued = new List<Task>
        {
            _gate.RunAsync(Write("behind-1"), WriteLane.Behind),
            _gate.RunAsync(Write("behind-2"), WriteLane.Behind),
            _gate.RunAsync(Write("waited-1")),
            _gate.RunAsync(Write("behind-3"), WriteLane.Behind),
            _gate.RunAsync(Write("waited-2")),
        };
        Assert.Single(order);

        release.SetResult();
        await Task.WhenAll(queued.Append(first));

        Assert.Equal(["first", "waited-1", "waited-2", "behind-1", "behind-2", "behind-3"], order);
        Assert.False(overlapped);
    }

    [Fact]
    public async Task A_failed_write_hands_the_gate_on()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => _gate.RunAsync(() => throw new InvalidOperationException()));
        Assert.Equal(42, await _gate.RunAsync(() => Task.FromResult(42), WriteLane.Behind));
    }
}
