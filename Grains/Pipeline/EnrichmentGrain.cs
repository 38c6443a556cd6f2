using System.Text.Json;
using System.Text.Json.Nodes;
using Grains.Interfaces;
using Grains.Interfaces.Pipeline;
using Orleans.Placement;

namespace Grains.Pipeline;

/// <summary>
/// Adds <c>received_at</c>, <c>processed_at</c>, <c>user</c> and <c>sequence</c>, publishes the result to the
/// enriched topic, then stores it. The sequence is not grain state: at activation it is read back from the
/// store, the one place that knows exactly which events were kept, so a crash can never reuse or skip a number.
/// </summary>
[PreferLocalPlacement]
public sealed class EnrichmentGrain(IAnalyticsStore store, PipelineKafka kafka, PipelineCounters counters) : Grain, IEnrichmentGrain
{
    private long? _lastSequence;
    private (bool Known, UserProfile? Profile) _profile;

    public async Task<EnrichmentOutcome> EnrichAsync(RawEvent rawEvent)
    {
        _lastSequence ??= await store.LastSequenceAsync(rawEvent.UserId);
        var sequence = _lastSequence.Value + 1;
        var processedAt = DateTimeOffset.UtcNow;
        var document = Enrich(rawEvent, await ProfileAsync(), sequence, processedAt);

        // Published before it is stored: the enriched topic is at-least-once, the store exactly-once.
        await kafka.ProduceAsync(PipelineTopics.Enriched, rawEvent.UserId, JsonSerializer.SerializeToUtf8Bytes(document));
        counters.Enriched();

        var stored = new StoredEvent(rawEvent.EventId, rawEvent.UserId, rawEvent.EventType, rawEvent.Timestamp,
            rawEvent.ReceivedAt, processedAt, sequence, document.ToJsonString(), rawEvent.Source);
        switch (await store.StoreAsync(stored))
        {
            case StoreOutcome.Duplicate: return EnrichmentOutcome.Duplicate;
            case StoreOutcome.Redelivered: return EnrichmentOutcome.Redelivered;
        }

        _lastSequence = sequence;
        counters.Stored(rawEvent.ReceivedAt);
        return EnrichmentOutcome.Stored;
    }

    public Task ForgetProfileAsync()
    {
        _profile = default;
        return Task.CompletedTask;
    }

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
