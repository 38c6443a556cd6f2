using Grains.Interfaces.Pipeline;
using Grains.Pipeline.Tracking;
using Grains.Streaming.Kafka;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace Grains.Pipeline;

/// <summary>
/// The first stop of every raw event, one activation per key. The seen-set is written behind on a timer:
/// no storage round trip per event. What a crash makes it forget is caught by the analytics store, whose
/// refusal still counts as a duplicate, so the counts stay exact.
/// </summary>
[ImplicitStreamSubscription(PipelineTopics.Raw)]
internal sealed partial class DeduplicationGrain(
    [PersistentState("deduplication", StorageNames.WriteBehind)] IPersistentState<DeduplicationState> state,
    IOptions<PipelineOptions> options,
    PipelineCounters counters,
    DeadLetters deadLetters,
    TrackingPlans trackingPlans,
    TimeProvider clock,
    ILogger<DeduplicationGrain> logger) : Grain, IDeduplicationGrain
{
    private readonly PipelineOptions _options = options.Value;
    // What events are checked against; the persistent state only ever holds a copy of it, being written.
    private DeduplicationState _working = null!;
    private Task? _flushing;
    private bool _dirty;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _working = state.State;
        _dirty = Prune();
        var stream = this.GetStreamProvider(PipelineTopics.StreamProvider)
            .GetStream<KafkaRecord>(StreamId.Create(PipelineTopics.Raw, this.GetPrimaryKeyString()));
        await stream.SubscribeAsync(ProcessAsync);
        // The first flush at a random point of the interval: keys activated together (a burst of new users,
        // a silo taking over partitions) would otherwise all write at the same instant, every interval.
        // Interleaved: the key's events keep flowing while its copy waits for the database (write-behind
        // writes queue behind every write somebody waits for, see SqliteWriteGate).
        var firstFlush = _options.SeenFlushInterval * Random.Shared.NextDouble();
        this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(firstFlush, _options.SeenFlushInterval) { Interleave = true });
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => FlushAsync();

    /// <summary>Writes a copy of the seen-set and offsets when they changed; one write at a time.</summary>
    private async Task FlushAsync()
    {
        while (_flushing is { } running)
            await running;
        if (!_dirty) return;

        Prune();
        state.State = new DeduplicationState { Seen = new(_working.Seen), LastOffsets = new(_working.LastOffsets) };
        _dirty = false;
        _flushing = state.WriteStateAsync();
        try
        {
            await _flushing;
        }
        catch
        {
            _dirty = true;
            throw;
        }
        finally
        {
            _flushing = null;
        }
    }

    /// <summary>
    /// Everything the pulling agent has for this key at once: under load a key's events arrive in batches, and
    /// the enrichment call, the store's commit and the publishes are then shared by the batch.
    /// </summary>
    private async Task ProcessAsync(IList<SequentialItem<KafkaRecord>> items)
    {
        if (items.Count == 0) return;
        var records = items.Select(i => i.Item).ToList();
        using var activity = PipelineKafka.StartProcessing(records);
        var now = clock.GetUtcNow();
        var plan = await trackingPlans.CurrentAsync();
        var fresh = new List<(KafkaRecord Record, RawEvent Event)>(records.Count);
        var inBatch = new HashSet<Guid>();
        foreach (var record in records)
        {
            // At or below the last offset processed: Kafka delivering again what was processed but not yet
            // committed. Unless the log itself is new (the embedded broker starts empty after a restart), so only an
            // event also in the seen-set is passed over; anything else is processed, and the store tells a
            // redelivery from a duplicate.
            var redelivered = _working.LastOffsets.TryGetValue(record.Partition, out var last) && record.Offset <= last;
            var recovered = IsRecovered(record);
            if (!redelivered && !record.Headers.ContainsKey(PipelineTopics.SourceHeader))
            {
                // Written straight to Kafka by an outside producer: the Api did not count it on the way in.
                counters.Received();
                counters.Accepted();
            }

            if (!RawEventReader.TryRead(record, plan, out var rawEvent, out var reason))
            {
                if (!redelivered) await deadLetters.WriteAsync(record, reason);
            }
            else if (IsSeen(rawEvent.EventId, now) || !inBatch.Add(rawEvent.EventId))
            {
                // A recovered event was counted afresh (as recovered) in this run, so it must come out as something.
                if (!redelivered || recovered) counters.Duplicate();
            }
            else
            {
                fresh.Add((record, rawEvent));
            }
        }

        // Dead-lettered events stay unseen, so their replay from the dead-letter topic is not dropped.
        if (fresh.Count > 0 && await EnrichWithRetriesAsync(fresh))
        {
            foreach (var (_, rawEvent) in fresh)
                _working.Seen[rawEvent.EventId] = now;
        }

        if (_working.Seen.Count > _options.MaxSeenPerKey)
            Prune();
        foreach (var record in records)
            _working.LastOffsets[record.Partition] = Math.Max(record.Offset, _working.LastOffsets.GetValueOrDefault(record.Partition, -1));
        _dirty = true;
    }

    /// <summary>Written back from the journal: its stored position may be that of the log before the crash, so "redelivered" means "already processed" here.</summary>
    private static bool IsRecovered(KafkaRecord record) =>
        record.Headers.GetValueOrDefault(PipelineTopics.SourceHeader) == PipelineTopics.SourceRecovery;

    private bool IsSeen(Guid eventId, DateTimeOffset now) =>
        _working.Seen.TryGetValue(eventId, out var seenAt) && now - seenAt < _options.DeduplicationWindow;

    /// <summary>Hands the batch to enrichment, retrying with backoff; false when it still failed and was dead-lettered.</summary>
    private async Task<bool> EnrichWithRetriesAsync(List<(KafkaRecord Record, RawEvent Event)> fresh)
    {
        var enrichment = GrainFactory.GetGrain<IEnrichmentGrain>(this.GetPrimaryKeyString());
        var events = fresh.ConvertAll(f => f.Event);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // A redelivery the seen-set had forgotten in a crash was counted the first time round.
                var outcomes = await enrichment.EnrichAsync(events);
                for (var i = 0; i < outcomes.Count; i++)
                {
                    if (outcomes[i] == EnrichmentOutcome.Duplicate || (outcomes[i] == EnrichmentOutcome.Redelivered && IsRecovered(fresh[i].Record)))
                        counters.Duplicate();
                }

                return true;
            }
            catch (Exception exception) when (attempt < _options.MaxAttempts)
            {
                LogRetrying(exception, events.Count, attempt);
                await Task.Delay(Backoff(attempt));
            }
            catch (Exception exception)
            {
                foreach (var (record, _) in fresh)
                    await deadLetters.WriteAsync(record, $"Processing failed {attempt} times; last error: {exception.Message}");
                return false;
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
        var seen = _working.Seen;
        var before = seen.Count;
        var oldest = clock.GetUtcNow() - _options.DeduplicationWindow;
        foreach (var (id, at) in seen)
            if (at < oldest) seen.Remove(id);

        // Down to nine tenths of the cap, so a key at its cap sorts its ids once per tenth, not once per event.
        if (seen.Count > _options.MaxSeenPerKey)
        {
            foreach (var (id, _) in seen.OrderBy(s => s.Value).Take(seen.Count - _options.MaxSeenPerKey * 9 / 10).ToList())
                seen.Remove(id);
        }

        return seen.Count != before;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} events failed attempt {Attempt}; retrying")]
    private partial void LogRetrying(Exception exception, int count, int attempt);
}
