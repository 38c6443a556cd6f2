using System.Runtime.ExceptionServices;
using System.Text;
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

        // Published and stored side by side, so an event waits for the slower of the two, not their sum. The
        // enriched topic is at-least-once (a retry publishes again), the store exactly-once.
        var json = document.ToJsonString();
        var publishing = kafka.ProduceAsync(PipelineTopics.Enriched, rawEvent.UserId, Encoding.UTF8.GetBytes(json));
        var storing = store.StoreAsync(new StoredEvent(rawEvent.EventId, rawEvent.UserId, rawEvent.EventType,
            rawEvent.Timestamp, rawEvent.ReceivedAt, processedAt, sequence, json, rawEvent.Source));

        ExceptionDispatchInfo? storeFailure = null;
        var outcome = StoreOutcome.Duplicate;
        try
        {
            outcome = await storing;
        }
        catch (Exception exception)
        {
            storeFailure = ExceptionDispatchInfo.Capture(exception);
        }
        if (outcome == StoreOutcome.Inserted)
        {
            // Counted now, even if the publish fails below: the caller's retry finds the row, as a redelivery.
            _lastSequence = sequence;
            counters.Stored(rawEvent.ReceivedAt);
        }
        await publishing;
        storeFailure?.Throw();
        counters.Enriched();

        return outcome switch
        {
            StoreOutcome.Duplicate => EnrichmentOutcome.Duplicate,
            StoreOutcome.Redelivered => EnrichmentOutcome.Redelivered,
            _ => EnrichmentOutcome.Stored,
        };
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
