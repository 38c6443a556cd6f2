using System.Buffers;
using System.Text;
using System.Text.Json;
using Grains.Interfaces.Identity;
using Grains.Interfaces.Pipeline;
using Orleans.BroadcastChannel;
using Orleans.Placement;

namespace Grains.Pipeline;

/// <summary>
/// Adds <c>received_at</c>, <c>processed_at</c>, <c>user</c> and <c>sequence</c>, publishes the result to the
/// enriched topic and stores it. The sequence is not grain state: at activation it is read back from the
/// store, the one place that knows exactly which events were kept, so a crash can never reuse or skip a number.
/// </summary>
[PreferLocalPlacement]
[ImplicitChannelSubscription(ProfileChanged.Namespace)]
internal sealed class EnrichmentGrain(
    IAnalyticsStore store, PipelineKafka kafka, PipelineCounters counters, TimeProvider clock) : Grain, IEnrichmentGrain, IOnBroadcastChannelSubscribed
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
        var previous = _lastSequence.Value;
        var plan = Plan(events, stored, await ProfileAsync(), previous, clock.GetUtcNow());

        // Published and stored side by side, so a batch waits for the slower of the two, not their sum. The
        // enriched topic is at-least-once (a retry publishes again), the store exactly-once.
        var storing = store.StoreAsync(plan.Fresh.ConvertAll(f => f.Event));
        var publishing = PublishAsync(plan.Publish);
        IReadOnlyList<StoreOutcome> storeOutcomes;
        try
        {
            storeOutcomes = await storing;
        }
        catch
        {
            // Whatever was committed, the next try reads the last sequence back from the store. The store's
            // failure is the one reported; the publishes are let finish first.
            _lastSequence = null;
            await publishing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            throw;
        }

        var outcomes = plan.Outcomes;
        foreach (var ((index, storedEvent), outcome) in plan.Fresh.Zip(storeOutcomes))
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
        var inserted = storeOutcomes.Count(o => o == StoreOutcome.Inserted);
        _lastSequence = inserted == plan.Fresh.Count ? previous + plan.Fresh.Count : inserted == 0 ? previous : null;

        await publishing;
        counters.Enriched(events.Count);
        return outcomes;
    }

    /// <summary>What a batch becomes before anything is written.</summary>
    /// <param name="Outcomes">Each event's outcome; those of <paramref name="Fresh"/> are settled by the store.</param>
    /// <param name="Fresh">The events new to the store, numbered and enriched, with their place in the batch.</param>
    /// <param name="Publish">What goes to the enriched topic: the fresh events and the redelivered ones.</param>
    private sealed record EnrichmentPlan(
        EnrichmentOutcome[] Outcomes, List<(int Index, StoredEvent Event)> Fresh, List<KafkaMessage> Publish);

    private static EnrichmentPlan Plan(IReadOnlyList<RawEvent> events, IReadOnlyDictionary<Guid, StoredRow> stored,
        UserProfile? profile, long lastSequence, DateTimeOffset processedAt)
    {
        var plan = new EnrichmentPlan(new EnrichmentOutcome[events.Count], new(events.Count), new(events.Count));
        var taken = new HashSet<Guid>();
        var sequence = lastSequence;
        foreach (var (index, rawEvent) in events.Index())
        {
            if (stored.TryGetValue(rawEvent.EventId, out var row) && row.Source == rawEvent.Source)
            {
                // The same message again: published again, since its first publish may be what failed.
                plan.Outcomes[index] = EnrichmentOutcome.Redelivered;
                plan.Publish.Add(new(rawEvent.UserId, Encoding.UTF8.GetBytes(row.Json)));
                continue;
            }
            if (row is not null || !taken.Add(rawEvent.EventId))
            {
                plan.Outcomes[index] = EnrichmentOutcome.Duplicate;
                continue;
            }

            var json = Enrich(rawEvent, profile, ++sequence, processedAt);
            plan.Publish.Add(new(rawEvent.UserId, json));
            plan.Fresh.Add((index, new StoredEvent(rawEvent.EventId, rawEvent.UserId, rawEvent.EventType,
                rawEvent.Timestamp, rawEvent.ReceivedAt, processedAt, sequence, json, rawEvent.Source)));
        }
        return plan;
    }

    /// <summary>The user's profile changed (<see cref="ProfileChanged"/>): the cached copy must not be used again.</summary>
    public Task OnSubscribed(IBroadcastChannelSubscription subscription)
    {
        subscription.Attach<ProfileChanged>(_ =>
        {
            _profile = default;
            return Task.CompletedTask;
        }, _ => Task.CompletedTask);
        return Task.CompletedTask;
    }

    private async Task PublishAsync(List<KafkaMessage> messages)
    {
        if (messages.Count == 0) return;
        if ((await kafka.ProduceEachAsync(PipelineTopics.Enriched, messages, headers: null, CancellationToken.None)).FirstOrDefault(f => f is not null) is { } failure)
            throw failure;
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

    /// <summary>Whether <see cref="Enrich"/> writes this name: an event's own properties of these names give way to them.</summary>
    private static bool IsEnrichedName(JsonProperty property) =>
        property.NameEquals("received_at"u8) || property.NameEquals("processed_at"u8) || property.NameEquals("user"u8)
        || property.NameEquals("sequence"u8) || property.NameEquals("violations"u8);

    // The thread's buffer and writer, reused from one event to the next: Enrich runs to its end without awaiting.
    [ThreadStatic] private static ArrayBufferWriter<byte>? _threadBuffer;
    [ThreadStatic] private static Utf8JsonWriter? _threadWriter;

    /// <summary>
    /// The event's JSON with the enrichment's properties, as UTF-8: its own properties copied as they are (no tree of
    /// nodes built and serialised again), the enrichment's after them. Written into the thread's buffer; only the
    /// result is a new array.
    /// </summary>
    private static byte[] Enrich(RawEvent rawEvent, UserProfile? profile, long sequence, DateTimeOffset processedAt)
    {
        using var document = JsonDocument.Parse(rawEvent.Json);
        var buffer = _threadBuffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = _threadWriter ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        writer.WriteStartObject();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (!IsEnrichedName(property))
                property.WriteTo(writer);
        }
        writer.WriteString("received_at"u8, rawEvent.ReceivedAt);
        writer.WriteString("processed_at"u8, processedAt);
        if (profile is null)
        {
            writer.WriteNull("user"u8);
        }
        else
        {
            writer.WriteStartObject("user"u8);
            writer.WriteString("id", profile.Id.ToString());
            writer.WriteString("email", profile.Email);
            writer.WriteString("full_name", profile.FullName);
            writer.WriteString("created_at", profile.CreatedAt);
            writer.WriteEndObject();
        }
        writer.WriteNumber("sequence"u8, sequence);
        if (rawEvent.Violations is { } violations)
        {
            writer.WriteStartArray("violations"u8);
            foreach (var violation in violations) writer.WriteStringValue(violation);
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
