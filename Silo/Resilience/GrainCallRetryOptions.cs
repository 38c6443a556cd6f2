using System.ComponentModel.DataAnnotations;

namespace Silo.Resilience;

/// <summary>
/// <c>Orleans:Retry:*</c>: how long an Api node keeps repeating an idempotent grain call that failed
/// because a silo died. It must outlast the failure-detection window (see <c>Orleans:Membership</c>) and
/// the client's response timeout (<c>Orleans:Messaging:ResponseTimeout</c>), so that a call lost with a
/// crashed silo is still repeated once it times out.
/// </summary>
public sealed class GrainCallRetryOptions
{
    public const string SectionName = "Orleans:Retry";

    /// <summary>Zero turns retries off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxElapsed { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(2);
}
