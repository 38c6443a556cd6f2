using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Grains.Interfaces.Pipeline;
using Grains.Interfaces.Pipeline.Sources;
using Grains.Interfaces.Pipeline.Tracking;
using Grains.Pipeline.Tracking;

namespace Grains.Pipeline;

/// <summary>
/// Takes one event or <c>{"batch": [...]}</c>, validates each event, and writes the valid ones to the raw topic
/// (through the journal where there is one). An event counts as accepted only once it is durable. A request of an
/// event source has its messages carry the source's headers and counts on its counters; a signed-in user's request
/// writes events of that user only (<c>user_id</c> is set to theirs).
/// </summary>
public sealed class EventIngestion(PipelineKafka kafka, PipelineCounters counters, TrackingPlans trackingPlans, IPipelineJournal? journal = null)
{
    public const int MaxBatch = 500;
    private static readonly Headers FromHttp = new() { { PipelineTopics.SourceHeader, Encoding.UTF8.GetBytes(PipelineTopics.SourceHttp) } };

    public async Task<IngestOutcome> IngestAsync(JsonElement body, EventSource? source, string? ownUserId, CancellationToken cancellationToken)
    {
        if (ItemsOf(body) is not { } items)
            return IngestOutcome.Malformed("The body must be one event object or {\"batch\": [events]}.");
        if (items.Count is 0 or > MaxBatch)
            return IngestOutcome.Malformed($"A batch holds 1 to {MaxBatch} events; this one has {items.Count}.");
        if (journal?.Admission is { IsOpen: false } closed)
            return IngestOutcome.Unavailable(closed.Reason!, closed.RetryAfter);
        TrackingPlan plan;
        try
        {
            plan = await trackingPlans.CurrentAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return IngestOutcome.Unavailable("The tracking plan cannot be read right now.", TrackingPlans.MaxAge);
        }

        var rejected = new List<RejectedEvent>();
        var valid = new List<IngestedEvent>(items.Count);
        var messages = new List<KafkaMessage>(items.Count);
        for (var index = 0; index < items.Count; index++)
        {
            var item = ownUserId is null ? items[index] : WithUserId(items[index], ownUserId);
            var errors = EventValidator.Validate(item);
            if (errors.Count == 0 && plan.Check(item.GetProperty("event_type").GetString()!, item.GetProperty("data")) is { Mode: TrackingMode.Reject } violation)
                errors["data"] = violation.Violations;
            if (errors.Count > 0)
            {
                rejected.Add(new RejectedEvent(index, EventValidator.EventIdOf(item), errors));
                continue;
            }
            valid.Add(new IngestedEvent(index, EventValidator.EventIdOf(item)));
            // The request's own bytes, as sent: no string in between.
            messages.Add(new KafkaMessage(item.GetProperty("user_id").GetString(), JsonMarshal.GetRawUtf8Value(item).ToArray()));
        }

        Exception?[] failures;
        try
        {
            failures = messages.Count == 0 ? [] : await kafka.ProduceEachAsync(PipelineTopics.Raw, messages, HeadersFor(source), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The journal could not take them: nothing was written.
            failures = [.. messages.Select(_ => exception)];
        }

        var written = valid.Where((_, i) => failures[i] is null).ToList();
        var notWritten = valid.Where((_, i) => failures[i] is not null).ToList();
        counters.Received(items.Count);
        counters.Accepted(written.Count);
        counters.Rejected(items.Count - written.Count);
        if (source is not null) counters.SourceIngested(source.Name, items.Count, written.Count);
        return new IngestOutcome(
            notWritten.Count > 0 ? IngestStatus.NotAllWritten : written.Count > 0 ? IngestStatus.Accepted : IngestStatus.NoneValid,
            written, notWritten, rejected);
    }

    private static Headers HeadersFor(EventSource? source) => source is null ? FromHttp : new Headers
    {
        { PipelineTopics.SourceHeader, Encoding.UTF8.GetBytes(PipelineTopics.SourceHttp) },
        { PipelineTopics.SourceIdHeader, Encoding.UTF8.GetBytes(source.Id.ToString()) },
        { PipelineTopics.SourceNameHeader, Encoding.UTF8.GetBytes(source.Name) },
    };

    /// <summary>The event with <c>user_id</c> set (or replaced); anything but an object is left for validation to refuse.</summary>
    private static JsonElement WithUserId(JsonElement item, string userId)
    {
        if (item.ValueKind != JsonValueKind.Object || JsonNode.Parse(item.GetRawText()) is not JsonObject parsed)
            return item;
        parsed["user_id"] = userId;
        return JsonSerializer.SerializeToElement(parsed);
    }

    private static List<JsonElement>? ItemsOf(JsonElement body) => body.ValueKind switch
    {
        JsonValueKind.Object when body.TryGetProperty("batch", out var batch) =>
            batch.ValueKind == JsonValueKind.Array ? [.. batch.EnumerateArray()] : null,
        JsonValueKind.Object => [body],
        _ => null,
    };
}

public enum IngestStatus
{
    /// <summary>Every valid event is durable; invalid ones are itemised.</summary>
    Accepted,

    /// <summary>The body is neither an event nor a batch of 1 to 500: nothing was looked at.</summary>
    Malformed,

    /// <summary>No event of the request was valid.</summary>
    NoneValid,

    /// <summary>Some valid events could not be written (Kafka did not acknowledge them in time); resending the whole request is safe.</summary>
    NotAllWritten,

    /// <summary>The pipeline takes no events right now; nothing was written.</summary>
    Unavailable,
}

/// <summary>What became of an ingest request, event by event.</summary>
public sealed record IngestOutcome(
    IngestStatus Status,
    IReadOnlyList<IngestedEvent> Written,
    IReadOnlyList<IngestedEvent> NotWritten,
    IReadOnlyList<RejectedEvent> Rejected,
    string? Detail = null,
    TimeSpan RetryAfter = default)
{
    public static IngestOutcome Malformed(string detail) => new(IngestStatus.Malformed, [], [], [], detail);

    public static IngestOutcome Unavailable(string detail, TimeSpan retryAfter) => new(IngestStatus.Unavailable, [], [], [], detail, retryAfter);
}

/// <summary>An event of the request by its place in it, with its id.</summary>
public sealed record IngestedEvent(int Index, string? EventId);

/// <summary>An invalid event of the request and why, field by field.</summary>
public sealed record RejectedEvent(int Index, string? EventId, IDictionary<string, string[]> Errors);
