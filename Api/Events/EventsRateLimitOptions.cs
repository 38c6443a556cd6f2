using System.ComponentModel.DataAnnotations;

namespace Api.Events;

/// <summary>The "Pipeline:RateLimit" section: ingestion requests a client may make per window.</summary>
public sealed class EventsRateLimitOptions
{
    public const string SectionName = "Pipeline:RateLimit";

    [Range(1, int.MaxValue)] public int PermitLimit { get; set; } = 100;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);
}
