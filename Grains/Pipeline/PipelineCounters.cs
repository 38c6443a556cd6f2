using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grains.Interfaces.Pipeline;

namespace Grains.Pipeline;

/// <summary>
/// This process's share of the pipeline counters: counted locally without locks or calls, exported as
/// OpenTelemetry meters, and handed to the cluster-wide <see cref="IPipelineStatsGrain"/> in batches.
/// </summary>
public sealed class PipelineCounters
{
    public const string MeterName = "Platform.Pipeline";

    private long _received, _accepted, _rejected, _duplicates, _enriched, _stored, _deadLettered, _replayed, _recovered;
    private readonly Counter<long> _events;
    private readonly Counter<long> _sourceEvents;
    private readonly ConcurrentDictionary<string, SourceTally> _sources = new();
    private readonly Histogram<double> _latency;
    private readonly TimeProvider _clock;
    private readonly ChangeSignal _counted = new();

    public PipelineCounters(IMeterFactory meters, TimeProvider clock)
    {
        _clock = clock;
        var meter = meters.Create(MeterName);
        _events = meter.CreateCounter<long>("pipeline.events", "{event}", "Events by pipeline outcome (the 'outcome' tag).");
        _sourceEvents = meter.CreateCounter<long>("pipeline.source.events", "{event}",
            "Ingestion by event source (the 'source' tag) and outcome: received, accepted, rejected; rate_limited counts requests.");
        _latency = meter.CreateHistogram<double>("pipeline.end_to_end.latency", "s",
            "From when the platform received an event to when it was stored.",
            advice: new() { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
    }

    public void Received(int count = 1) => Add(ref _received, count, "received");
    public void Accepted(int count = 1) => Add(ref _accepted, count, "accepted");
    public void Rejected(int count = 1) => Add(ref _rejected, count, "rejected");
    public void Duplicate() => Add(ref _duplicates, 1, "duplicate");
    public void Enriched(int count = 1) => Add(ref _enriched, count, "enriched");
    public void DeadLettered() => Add(ref _deadLettered, 1, "dead_lettered");
    public void Replayed(int count) => Add(ref _replayed, count, "replayed");
    public void Recovered(int count) => Add(ref _recovered, count, "recovered");

    public void Stored(DateTimeOffset receivedAt)
    {
        Add(ref _stored, 1, "stored");
        _latency.Record((_clock.GetUtcNow() - receivedAt).TotalSeconds);
    }

    /// <summary>What one request of a source brought: <paramref name="received"/> events, <paramref name="accepted"/> of them durable.</summary>
    public void SourceIngested(string source, int received, int accepted)
    {
        var tally = _sources.GetOrAdd(source, static _ => new SourceTally());
        Interlocked.Add(ref tally.Received, received);
        Interlocked.Add(ref tally.Accepted, accepted);
        Interlocked.Add(ref tally.Rejected, received - accepted);
        _counted.Changed();
        _sourceEvents.Add(received, Tags(source, "received"));
        _sourceEvents.Add(accepted, Tags(source, "accepted"));
        _sourceEvents.Add(received - accepted, Tags(source, "rejected"));
    }

    public void SourceLimited(string source)
    {
        Interlocked.Increment(ref _sources.GetOrAdd(source, static _ => new SourceTally()).RateLimited);
        _counted.Changed();
        _sourceEvents.Add(1, Tags(source, "rate_limited"));
    }

    /// <summary>Each source's counts since the last call, leaving zero behind.</summary>
    public Dictionary<string, SourceCounts> TakeSourceDeltas() => _sources
        .Select(pair => (pair.Key, Delta: new SourceCounts(
            Interlocked.Exchange(ref pair.Value.Received, 0), Interlocked.Exchange(ref pair.Value.Accepted, 0),
            Interlocked.Exchange(ref pair.Value.Rejected, 0), Interlocked.Exchange(ref pair.Value.RateLimited, 0))))
        .Where(taken => taken.Delta != SourceCounts.Zero)
        .ToDictionary(taken => taken.Key, taken => taken.Delta);

    public void RestoreSources(Dictionary<string, SourceCounts> deltas)
    {
        foreach (var (name, delta) in deltas)
        {
            var tally = _sources.GetOrAdd(name, static _ => new SourceTally());
            Interlocked.Add(ref tally.Received, delta.Received);
            Interlocked.Add(ref tally.Accepted, delta.Accepted);
            Interlocked.Add(ref tally.Rejected, delta.Rejected);
            Interlocked.Add(ref tally.RateLimited, delta.RateLimited);
        }
    }

    /// <summary>Takes what was counted since the last call, leaving zero behind.</summary>
    public PipelineCounts TakeDelta() => new(
        Received: Interlocked.Exchange(ref _received, 0),
        Accepted: Interlocked.Exchange(ref _accepted, 0),
        Rejected: Interlocked.Exchange(ref _rejected, 0),
        Duplicates: Interlocked.Exchange(ref _duplicates, 0),
        Enriched: Interlocked.Exchange(ref _enriched, 0),
        Stored: Interlocked.Exchange(ref _stored, 0),
        DeadLettered: Interlocked.Exchange(ref _deadLettered, 0),
        Replayed: Interlocked.Exchange(ref _replayed, 0),
        Recovered: Interlocked.Exchange(ref _recovered, 0));

    /// <summary>Gives back a delta that could not be handed over, so nothing counted is lost.</summary>
    public void Restore(PipelineCounts delta)
    {
        Interlocked.Add(ref _received, delta.Received);
        Interlocked.Add(ref _accepted, delta.Accepted);
        Interlocked.Add(ref _rejected, delta.Rejected);
        Interlocked.Add(ref _duplicates, delta.Duplicates);
        Interlocked.Add(ref _enriched, delta.Enriched);
        Interlocked.Add(ref _stored, delta.Stored);
        Interlocked.Add(ref _deadLettered, delta.DeadLettered);
        Interlocked.Add(ref _replayed, delta.Replayed);
        Interlocked.Add(ref _recovered, delta.Recovered);
    }

    private static TagList Tags(string source, string outcome) => new() { { "source", source }, { "outcome", outcome } };

    private sealed class SourceTally
    {
        public long Received, Accepted, Rejected, RateLimited;
    }

    /// <summary>Completes once there is something to take: the flusher waits for it, so an idle node wakes for nothing.</summary>
    public Task WhenCountedAsync(CancellationToken cancellationToken) =>
        _counted.NextAsync(HasCounts, cancellationToken);

    private bool HasCounts() =>
        (Volatile.Read(ref _received) | Volatile.Read(ref _accepted) | Volatile.Read(ref _rejected) | Volatile.Read(ref _duplicates)
         | Volatile.Read(ref _enriched) | Volatile.Read(ref _stored) | Volatile.Read(ref _deadLettered) | Volatile.Read(ref _replayed)
         | Volatile.Read(ref _recovered)) != 0
        || _sources.Values.Any(t => (Volatile.Read(ref t.Received) | Volatile.Read(ref t.Accepted) | Volatile.Read(ref t.Rejected) | Volatile.Read(ref t.RateLimited)) != 0);

    private void Add(ref long field, int count, string outcome)
    {
        Interlocked.Add(ref field, count);
        _counted.Changed();
        _events.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
    }
}
