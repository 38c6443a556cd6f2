using System.Threading.Channels;
using System.Threading.RateLimiting;
using Confluent.Kafka;
using Grains.Interfaces.Pipeline;
using Grains.Pipeline;

namespace Api.PipelineConsole;

/// <summary>
/// The consoles' live tail: one Kafka reader per Api node, from the raw topic's end on every partition, without a
/// group (it commits nothing and takes no partition from the pipeline). It runs only while a console watches, and
/// for <see cref="Linger"/> after the last one leaves, so changing a filter does not restart it.
/// </summary>
public sealed partial class EventTail(PipelineKafka kafka, TimeProvider clock, ILogger<EventTail> logger) : IDisposable
{
    /// <summary>How long the reader stays up with nobody watching.</summary>
    public static readonly TimeSpan Linger = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan KafkaTimeout = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly List<TailSubscription> _subscriptions = [];
    private readonly CancellationTokenSource _stopping = new();
    private Task _reading = Task.CompletedTask;
    private long _lastWatchedAt;

    public TailSubscription Subscribe(TailFilter filter)
    {
        var subscription = new TailSubscription(filter, this);
        lock (_gate)
        {
            _subscriptions.Add(subscription);
            if (_reading.IsCompleted)
                _reading = Task.Factory.StartNew(Read, TaskCreationOptions.LongRunning);
        }
        return subscription;
    }

    internal void Unsubscribe(TailSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Remove(subscription);
            _lastWatchedAt = clock.GetTimestamp();
        }
    }

    private void Read()
    {
        try
        {
            kafka.EnsureStartedAsync().GetAwaiter().GetResult();
            using var consumer = new ConsumerBuilder<string?, byte[]>(kafka.Configs.GroupConsumer($"console-tail-{Guid.NewGuid():N}")).Build();
            consumer.Assign(kafka.PartitionsAsync(PipelineTopics.Raw, KafkaTimeout).GetAwaiter().GetResult().Select(p => new TopicPartitionOffset(p, Offset.End)));
            while (!_stopping.IsCancellationRequested && IsWatched())
            {
                if (consumer.Consume(PollTimeout) is { IsPartitionEOF: false, Message: not null } record)
                    Offer(TailedEvent.Of(record));
            }
        }
        catch (Exception exception) when (exception is KafkaException or OperationCanceledException or InvalidOperationException)
        {
            LogTailFailed(logger, exception);
        }
        finally
        {
            // A console still watching gets the end of its tail and reconnects, which starts a new reader.
            lock (_gate)
            {
                foreach (var subscription in _subscriptions) subscription.End();
                _subscriptions.Clear();
            }
        }
    }

    private bool IsWatched()
    {
        lock (_gate)
            return _subscriptions.Count > 0 || clock.GetElapsedTime(_lastWatchedAt) < Linger;
    }

    private void Offer(TailedEvent tailed)
    {
        lock (_gate)
        {
            foreach (var subscription in _subscriptions)
                subscription.Offer(tailed);
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _reading.Wait(KafkaTimeout);
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The console's live tail stopped reading the raw topic")]
    private static partial void LogTailFailed(ILogger logger, Exception exception);
}

/// <summary>
/// One console's share of the tail: the events its filter matches, at most <see cref="PerSecond"/> a second (a person
/// reads no more; the rest are counted as <see cref="TakeSkipped">skipped</see>), buffered up to <see cref="Buffered"/>.
/// </summary>
public sealed class TailSubscription : IDisposable
{
    public const int PerSecond = 50, Buffered = 200;

    private readonly TailFilter _filter;
    private readonly EventTail _tail;
    private readonly Channel<TailedEvent> _events = Channel.CreateBounded<TailedEvent>(
        new BoundedChannelOptions(Buffered) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private readonly TokenBucketRateLimiter _shown = new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = PerSecond,
        TokensPerPeriod = PerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    });
    private long _skipped;

    internal TailSubscription(TailFilter filter, EventTail tail) => (_filter, _tail) = (filter, tail);

    public ChannelReader<TailedEvent> Events => _events.Reader;

    /// <summary>Matching events not shown since the last call: over the rate, or while the console read too slowly.</summary>
    public long TakeSkipped() => Interlocked.Exchange(ref _skipped, 0);

    internal void Offer(TailedEvent tailed)
    {
        if (!_filter.Matches(tailed)) return;
        using var lease = _shown.AttemptAcquire();
        if (!lease.IsAcquired || !_events.Writer.TryWrite(tailed))
            Interlocked.Increment(ref _skipped);
    }

    internal void End() => _events.Writer.TryComplete();

    public void Dispose()
    {
        _tail.Unsubscribe(this);
        _events.Writer.TryComplete();
        _shown.Dispose();
    }
}
