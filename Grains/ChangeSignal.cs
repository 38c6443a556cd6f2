namespace Grains;

/// <summary>
/// Lets a background loop sleep until there is something to do, where a timer would wake it all the time for nothing:
/// an idle server should cost nothing. The side that changes things calls <see cref="Changed"/> (one volatile read
/// while nobody waits); the loop awaits <see cref="NextAsync"/>. One loop waits on it at a time (the consumers of
/// the embedded broker, several blocking threads, have <see cref="Streaming.Kafka.Streams.KafkaLocalWrites"/>).
/// </summary>
public sealed class ChangeSignal
{
    private TaskCompletionSource? _waiting;

    public void Changed()
    {
        if (Volatile.Read(ref _waiting) is { } waiting && Interlocked.CompareExchange(ref _waiting, null, waiting) == waiting)
            waiting.TrySetResult();
    }

    /// <summary>
    /// Completes at the first change after the call, or at once when <paramref name="pending"/> says one is already
    /// waiting to be handled: a change just before the call is not missed.
    /// </summary>
    public Task NextAsync(Func<bool> pending, CancellationToken cancellationToken)
    {
        var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // A full fence before pending() reads: a change made before it is either seen there or completes this one.
        Interlocked.Exchange(ref _waiting, next);
        return pending() ? Task.CompletedTask : next.Task.WaitAsync(cancellationToken);
    }
}
