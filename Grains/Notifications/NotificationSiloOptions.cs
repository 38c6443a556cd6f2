using System.ComponentModel.DataAnnotations;

namespace Grains.Notifications;

/// <summary>The silos' part of the "Notifications" configuration section.</summary>
public sealed class NotificationSiloOptions
{
    public const string SectionName = "Notifications";

    /// <summary>How long an Api node's subscription lasts without a renewal; a node that died is forgotten after it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SubscriptionLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a feed keeps a notification for clients that resume; older ones go a segment at a time.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The most notifications a feed keeps, whatever their age.</summary>
    [Range(1, 1_000_000)]
    public int MaxRetained { get; set; } = 10_000;
}
