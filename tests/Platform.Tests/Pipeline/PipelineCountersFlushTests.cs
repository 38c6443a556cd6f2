using System.Diagnostics.Metrics;
using Grains.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Tests.Pipeline;

/// <summary>The flusher waits for counts instead of a timer: nothing to hand over, nothing wakes it.</summary>
public sealed class PipelineCountersFlushTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_wait_for_counts_ends_at_the_first_count_and_at_once_while_counts_are_untaken()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var counters = new PipelineCounters(services.GetRequiredService<IMeterFactory>(), TimeProvider.System);

        var first = counters.WhenCountedAsync(CancellationToken.None);
        Assert.False(first.IsCompleted);
        counters.Accepted(3);
        await first.WaitAsync(Deadline);

        // Counted before the wait began and not taken yet: the wait does not miss it.
        await counters.WhenCountedAsync(CancellationToken.None).WaitAsync(Deadline);
        Assert.Equal(3, counters.TakeDelta().Accepted);

        var bySource = counters.WhenCountedAsync(CancellationToken.None);
        Assert.False(bySource.IsCompleted);
        counters.SourceLimited("web");
        await bySource.WaitAsync(Deadline);
        Assert.Equal(1, counters.TakeSourceDeltas()["web"].RateLimited);

        Assert.False(counters.WhenCountedAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task A_stopping_flusher_s_wait_ends_cancelled()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var counters = new PipelineCounters(services.GetRequiredService<IMeterFactory>(), TimeProvider.System);
        using var stopping = new CancellationTokenSource();
        var wait = counters.WhenCountedAsync(stopping.Token);
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(Deadline));
    }
}
