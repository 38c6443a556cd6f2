using Grains.Interfaces.Pipeline;
using Grains.Pipeline.Tracking;
using Grains.Streaming.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Orleans.Streams;

namespace Grains.Pipeline;

/// <summary>
/// The first stop of every raw event, one activation per key. The seen-set is written behind on a timer, a segment
/// at a time (<see cref="SeenSet"/>): no storage round trip per event, and no rewrite of ids written before. What a crash makes it forget is caught by the analytics store, whose
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
    private readonly Dictionary<int, GrainState<SeenSegmentState>> _segmentRows = [];
    private IGrainStorage _storage = null!;
    private SeenSet _seen = null!;
    private Dictionary<int, long> _lastOffsets = null!;
    private Task? _flushing;
    private bool _dirty;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _storage = ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.WriteBehind);
        var segments = await Task.WhenAll(state.State.SeenSegments.Select(async slot => (slot, Stored: (await ReadSegmentAsync(slot)).State ?? new SeenSegmentState())));
        _seen = SeenSet.Restore(_options.MaxSeenPerKey, _options.DeduplicationWindow, segments, state.State.Seen);
        _lastOffsets = new(state.State.LastOffsets);
        _dirty = _seen.Prune(clock.GetUtcNow()) || state.State.Seen.Count > 0;
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

    /// <summary>
    /// Writes what changed since the last flush, one flush at a time: the seen-set's changed segments and cleared slots
    /// first, then the key's state (offsets and the segments' manifest). A crash between the two leaves a manifest that
    /// names an older layout; the ids it then misses are caught by the store, like any the write-behind loses.
    /// </summary>
    private async Task FlushAsync()
    {
        while (_flushing is { } running)
            await running;
        if (!_dirty) return;

        _seen.Prune(clock.GetUtcNow());
        var changes = _seen.TakeChanges();
        state.State = new DeduplicationState { LastOffsets = new(_lastOffsets), SeenSegments = [.. changes.Manifest] };
        _dirty = false;
        _flushing = WriteAsync(changes);
        try
        {
            await _flushing;
        }
        catch
        {
            _dirty = true;
            _seen.ReturnChanges(changes);
            throw;
        }
        finally
        {
            _flushing = null;
        }
    }

    private async Task WriteAsync(SeenChanges changes)
    {
        await Task.WhenAll(changes.Writes.Select(w => WriteSegmentAsync(w.Slot, w.Stored)).Concat(changes.Clears.Select(ClearSegmentAsync)));
        await state.WriteStateAsync();
    }

    private async Task<GrainState<SeenSegmentState>> ReadSegmentAsync(int slot)
    {
        var row = new GrainState<SeenSegmentState>(new SeenSegmentState());
        await _storage.ReadStateAsync(SegmentStateName(slot), GrainContext.GrainId, row);
        return _segmentRows[slot] = row;
    }

    private async Task WriteSegmentAsync(int slot, SeenSegmentState stored)
    {
        // A slot this activation has not touched may hold a row from an earlier one, whose version the write needs.
        var row = _segmentRows.GetValueOrDefault(slot) ?? await ReadSegmentAsync(slot);
        row.State = stored;
        await _storage.WriteStateAsync(SegmentStateName(slot), GrainContext.GrainId, row);
    }

    private async Task ClearSegmentAsync(int slot)
    {
        var row = _segmentRows.GetValueOrDefault(slot) ?? await ReadSegmentAsync(slot);
        if (row.RecordExists) await _storage.ClearStateAsync(SegmentStateName(slot), GrainContext.GrainId, row);
    }

    private static string SegmentStateName(int slot) => $"deduplication-seen-{slot}";

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
            var redelivered = _lastOffsets.TryGetValue(record.Partition, out var last) && record.Offset <= last;
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
            else if (_seen.Contains(rawEvent.EventId, now) || !inBatch.Add(rawEvent.EventId))
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
                _seen.Add(rawEvent.EventId, now);
        }

        if (_seen.Count > _options.MaxSeenPerKey)
            _seen.Prune(now);
        foreach (var record in records)
            _lastOffsets[record.Partition] = Math.Max(record.Offset, _lastOffsets.GetValueOrDefault(record.Partition, -1));
        _dirty = true;
    }

    /// <summary>Written back from the journal: its stored position may be that of the log before the crash, so "redelivered" means "already processed" here.</summary>
    private static bool IsRecovered(KafkaRecord record) =>
        record.Headers.GetValueOrDefault(PipelineTopics.SourceHeader) == PipelineTopics.SourceRecovery;

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} events failed attempt {Attempt}; retrying")]
    private partial void LogRetrying(Exception exception, int count, int attempt);
}
