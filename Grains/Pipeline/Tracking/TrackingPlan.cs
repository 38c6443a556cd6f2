using System.Text.Json;
using System.Text.Json.Nodes;
using Grains.Interfaces.Pipeline.Tracking;
using Json.Schema;

namespace Grains.Pipeline.Tracking;

/// <summary>A compiled copy of the plan at one version: what ingestion and the pipeline check events against.</summary>
public sealed class TrackingPlan
{
    public static readonly TrackingPlan Empty = new(new TrackingPlanVersion(0, []));

    private readonly Dictionary<string, (JsonSchema Schema, TrackingMode Mode)> _schemas;

    public TrackingPlan(TrackingPlanVersion plan)
    {
        Version = plan.Version;
        _schemas = plan.Entries.ToDictionary(e => e.EventType, e => (TrackingSchemas.Compile(e.Schema), e.Mode));
    }

    public long Version { get; }

    /// <summary>How an event of <paramref name="eventType"/> with <paramref name="data"/> breaks the plan; null when it does not.</summary>
    public TrackingViolation? Check(string eventType, JsonElement data)
    {
        if (!_schemas.TryGetValue(eventType, out var entry)) return null;
        // A node over the element the reader already parsed: the schema walks it without a second parse.
        JsonNode? node = data.ValueKind == JsonValueKind.Object ? JsonObject.Create(data) : JsonValue.Create(data);
        var violations = TrackingSchemas.ViolationsOf(entry.Schema, node);
        return violations.Length == 0 ? null : new TrackingViolation(entry.Mode, violations);
    }
}

public sealed record TrackingViolation(TrackingMode Mode, string[] Violations);
