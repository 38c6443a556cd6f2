using Grains.Interfaces;
using Grains.Interfaces.Pipeline;
using Grains.Streaming.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace Grains.Pipeline;

/// <summary>
/// The first stop of every raw event, one activation per key. The seen-set is written behind on a timer:
/// no storage round trip per event. What a crash makes it forget is caught by the analytics store, whose
/// refusal still counts as a duplicate, so the counts stay exact.
/// </summary>
[ImplicitStreamSubscription(PipelineTopics.Raw)]
public sealed partial class DeduplicationGrain(
    [PersistentState("deduplication", StorageNames.Platform)] IPersistentState<DeduplicationState> state,
    IOptions<PipelineOptions> options,
    PipelineCounters counters,
    DeadLetters deadLetters,
    ILogger<DeduplicationGrain> logger) : Grain, IDeduplicationGrain
{
    private readonly PipelineOptions _options = options.Value;
    private bool _dirty;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _dirty = Prune();
        var stream = this.GetStreamProvider(PipelineTopics.StreamProvider)
            .GetStream<KafkaRecord>(StreamId.Create(PipelineTopics.Raw, this.GetPrimaryKeyString()));
        await stream.SubscribeAsync((record, _) => ProcessAsync(record));
        // The first flush at a random point of the interval: keys activated together (a burst of new users,
        // a silo taking over partitions) would otherwise all write at the same instant, every interval.
        var firstFlush = _options.SeenFlushInterval * Random.Shared.NextDouble();
        this.RegisterGrainTimer(FlushAsync, firstFlush, _options.SeenFlushInterval);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => FlushAsync();

    public async Task FlushAsync()
    {
        if (!_dirty) return;
        Prune();
        await state.WriteStateAsync();
        _dirty = false;
    }

    private async Task ProcessAsync(KafkaRecord record)
    {
        if (state.State.LastOffsets.TryGetValue(record.Partition, out var last) && record.Offset <= last)
            return;

        await ProcessNewAsync(record);
        state.State.LastOffsets[record.Partition] = record.Offset;
        _dirty = true;
    }

    private async Task ProcessNewAsync(KafkaRecord record)
    {
        using var activity = PipelineKafka.StartProcessing(record);
        if (!record.Headers.ContainsKey(PipelineTopics.SourceHeader))
        {
            // Written straight to Kafka by an outside producer: the Api did not count it on the way in.
            counters.Received();
            counters.Accepted();
        }

        if (!RawEventReader.TryRead(record, out var rawEvent, out var reason))
        {
            await deadLetters.WriteAsync(record, reason);
            return;
        }

        var now = DateTimeOffset.UtcNow;
        if (state.State.Seen.TryGetValue(rawEvent.EventId, out var seenAt) && now - seenAt < _options.DeduplicationWindow)
        {
            counters.Duplicate();
            return;
        }

        var failure = await EnrichWithRetriesAsync(rawEvent);
        if (failure is not null)
        {
            await deadLetters.WriteAsync(record, failure);
            return;
        }

        state.State.Seen[rawEvent.EventId] = now;
        if (state.State.Seen.Count > _options.MaxSeenPerKey)
            Prune();
    }

    /// <summary>Null when done; otherwise the reason it still failed after every attempt.</summary>
    private async Task<string?> EnrichWithRetriesAsync(RawEvent rawEvent)
    {
        var enrichment = GrainFactory.GetGrain<IEnrichmentGrain>(rawEvent.UserId);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // A redelivery the seen-set had forgotten in a crash was counted the first time round.
                if (await enrichment.EnrichAsync(rawEvent) == EnrichmentOutcome.Duplicate)
                    counters.Duplicate();
                return null;
            }
            catch (Exception exception) when (attempt < _options.MaxAttempts)
            {
                LogRetrying(exception, rawEvent.EventId, attempt);
                await Task.Delay(Backoff(attempt));
            }
            catch (Exception exception)
            {
                return $"Processing failed {attempt} times; last error: {exception.Message}";
            }
        }
    }

    /// <summary>Exponential, capped, with jitter so keys that failed together do not retry together.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(_options.RetryMaxDelay.TotalMilliseconds, _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + Random.Shared.NextDouble() / 2));
    }

    /// <summary>Forgets ids older than the window, then, over the cap, the oldest; true when any were forgotten.</summary>
    private bool Prune()
    {
        var seen = state.State.Seen;
        var before = seen.Count;
        var oldest = DateTimeOffset.UtcNow - _options.DeduplicationWindow;
        foreach (var (id, at) in seen)
            if (at < oldest) seen.Remove(id);

        // Down to nine tenths of the cap, so a key at its cap sorts its ids once per tenth, not once per event.
        if (seen.Count > _options.MaxSeenPerKey)
            foreach (var (id, _) in seen.OrderBy(s => s.Value).Take(seen.Count - _options.MaxSeenPerKey * 9 / 10).ToList())
                seen.Remove(id);
        return seen.Count != before;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventId} failed attempt {Attempt}; retrying")]
    private partial void LogRetrying(Exception exception, Guid eventId, int attempt);
}
