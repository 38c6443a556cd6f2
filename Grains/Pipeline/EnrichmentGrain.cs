using System.Text;
using System.Text.Json.Nodes;
using Grains.Interfaces.Identity;
using Grains.Interfaces.Pipeline;
using Orleans.Placement;

namespace Grains.Pipeline;

/// <summary>
/// Adds <c>received_at</c>, <c>processed_at</c>, <c>user</c> and <c>sequence</c>, publishes the result to the
/// enriched topic and stores it. The sequence is not grain state: at activation it is read back from the
/// store, the one place that knows exactly which events were kept, so a crash can never reuse or skip a number.
/// </summary>
[PreferLocalPlacement]
public sealed class EnrichmentGrain(
    IAnalyticsStore store, PipelineKafka kafka, PipelineCounters counters, TimeProvider clock) : Grain, IEnrichmentGrain
{
    private long? _lastSequence;
    private (bool Known, UserProfile? Profile) _profile;

    public async Task<IReadOnlyList<EnrichmentOutcome>> EnrichAsync(IReadOnlyList<RawEvent> events)
    {
        _lastSequence ??= await store.LastSequenceAsync(this.GetPrimaryKeyString());
        // Events the store already has (a retry, or a replay the deduplication grain forgot) must take no
        // sequence number. One event alone needs no question: if the store turns it away, its number is simply
        // not used. In a batch, a later event would already have taken the next one, so the store is asked first.
        var stored = events.Count > 1
            ? await store.FindStoredAsync(events.Select(e => e.EventId).ToHashSet())
            : System.Collections.ObjectModel.ReadOnlyDictionary<Guid, StoredRow>.Empty;
        var outcomes = new EnrichmentOutcome[events.Count];
        var publishing = new List<Task>(events.Count);
        var previous = _lastSequence.Value;
        var fresh = Prepare(events, stored, await ProfileAsync(), previous, outcomes, publishing);

        // Published and stored side by side, so a batch waits for the slower of the two, not their sum. The
        // enriched topic is at-least-once (a retry publishes again), the store exactly-once.
        var storing = store.StoreAsync(fresh.ConvertAll(f => f.Event));
        var all = Task.WhenAll(publishing.Append(storing));
        try { await all; }
        catch { /* the store's outcome first; a failed publish is thrown at the end */ }

        if (!storing.IsCompletedSuccessfully)
        {
            // Whatever was committed, the next try reads the last sequence back from the store.
            _lastSequence = null;
            await storing;
        }
        foreach (var ((index, storedEvent), outcome) in fresh.Zip(storing.Result))
        {
            outcomes[index] = outcome switch
            {
                StoreOutcome.Inserted => EnrichmentOutcome.Stored,
                StoreOutcome.Redelivered => EnrichmentOutcome.Redelivered,
                _ => EnrichmentOutcome.Duplicate,
            };
            // Counted now, even if a publish failed: the caller's retry finds the row, as a redelivery.
            if (outcome == StoreOutcome.Inserted) counters.Stored(storedEvent.ReceivedAt);
        }
        // Numbers are kept when their events were stored, given back when none was; otherwise (a race with
        // another writer) the store says where to go on from.
        var inserted = storing.Result.Count(o => o == StoreOutcome.Inserted);
        _lastSequence = inserted == fresh.Count ? previous + fresh.Count : inserted == 0 ? previous : null;

        await all;
        counters.Enriched(events.Count);
        return outcomes;
    }

    /// <summary>
    /// Numbers and enriches the events new to the store, starts publishing them and the redelivered ones, and
    /// fills in the outcome of every event that will not be stored; returns the ones to store.
    /// </summary>
    private List<(int Index, StoredEvent Event)> Prepare(IReadOnlyList<RawEvent> events, IReadOnlyDictionary<Guid, StoredRow> stored,
        UserProfile? profile, long lastSequence, EnrichmentOutcome[] outcomes, List<Task> publishing)
    {
        var processedAt = clock.GetUtcNow();
        var fresh = new List<(int Index, StoredEvent Event)>(events.Count);
        var taken = new HashSet<Guid>();
        var sequence = lastSequence;
        foreach (var (index, rawEvent) in events.Index())
        {
            if (stored.TryGetValue(rawEvent.EventId, out var row) && row.Source == rawEvent.Source)
            {
                // The same message again: published again, since its first publish may be what failed.
                outcomes[index] = EnrichmentOutcome.Redelivered;
                publishing.Add(PublishAsync(rawEvent.UserId, row.Json));
                continue;
            }
            if (row is not null || !taken.Add(rawEvent.EventId))
            {
                outcomes[index] = EnrichmentOutcome.Duplicate;
                continue;
            }

            var json = Enrich(rawEvent, profile, ++sequence, processedAt).ToJsonString();
            publishing.Add(PublishAsync(rawEvent.UserId, json));
            fresh.Add((index, new StoredEvent(rawEvent.EventId, rawEvent.UserId, rawEvent.EventType,
                rawEvent.Timestamp, rawEvent.ReceivedAt, processedAt, sequence, json, rawEvent.Source)));
        }
        return fresh;
    }

    public Task ForgetProfileAsync()
    {
        _profile = default;
        return Task.CompletedTask;
    }

    private Task PublishAsync(string userId, string json) =>
        kafka.ProduceAsync(PipelineTopics.Enriched, userId, Encoding.UTF8.GetBytes(json));

    private async Task<UserProfile?> ProfileAsync()
    {
        if (!_profile.Known)
        {
            var profile = Guid.TryParse(this.GetPrimaryKeyString(), out var id)
                ? await GrainFactory.GetGrain<IUserGrain>(id).GetProfileAsync()
                : null;
            _profile = (true, profile);
        }
        return _profile.Profile;
    }

    private static JsonObject Enrich(RawEvent rawEvent, UserProfile? profile, long sequence, DateTimeOffset processedAt)
    {
        var document = JsonNode.Parse(rawEvent.Json)!.AsObject();
        document["received_at"] = rawEvent.ReceivedAt;
        document["processed_at"] = processedAt;
        document["user"] = profile is null ? null : new JsonObject
        {
            ["id"] = profile.Id.ToString(),
            ["email"] = profile.Email,
            ["full_name"] = profile.FullName,
            ["created_at"] = profile.CreatedAt,
        };
        document["sequence"] = sequence;
        return document;
    }
}
