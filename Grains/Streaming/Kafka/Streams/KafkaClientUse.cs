namespace Grains.Streaming.Kafka.Streams;

/// <summary>
/// Keeps calls into a librdkafka client apart from its destruction. Confluent.Kafka hands librdkafka raw pointers (the
/// client's handle, an admin client's result queue), so a call that overlaps the client's Dispose reads freed memory
/// and takes the process down. Through this, a call runs either wholly before the client is destroyed or not at all:
/// once <see cref="Close"/> has begun it is refused with an <see cref="ObjectDisposedException"/> naming the owner.
/// Calls run side by side; only the close waits for them.
/// </summary>
public sealed class KafkaClientUse(Type owner)
{
    private readonly ReaderWriterLockSlim _lock = new();
    private bool _closed;

    /// <summary>Runs <paramref name="call"/> synchronously, on this thread; it must not call back into this use.</summary>
    public T Call<T>(Func<T> call)
    {
        _lock.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_closed, owner);
            return call();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// Waits for the calls under way, refuses every later one, and runs <paramref name="destroy"/> once. A client that
    /// must be flushed first (a producer) is destroyed after this returns instead: nothing can reach it by then.
    /// </summary>
    public void Close(Action? destroy = null)
    {
        _lock.EnterWriteLock();
        try
        {
            if (_closed) return;
            _closed = true;
            destroy?.Invoke();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }
}
