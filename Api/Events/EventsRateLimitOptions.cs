using System.ComponentModel.DataAnnotations;

namespace Api.Events;

/// <summary>The "Pipeline:RateLimit" section: ingestion requests a client may make per window.</summary>
public sealed class EventsRateLimitOptions
{
    public const string SectionName = "Pipeline:RateLimit";

    [Range(1, int.MaxValue)] public int PermitLimit { get; set; } = 100;

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);
}
