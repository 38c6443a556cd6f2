using System.ComponentModel.DataAnnotations;

namespace Grains.Notifications;

/// <summary>The silos' part of the "Notifications" configuration section.</summary>
public sealed class NotificationRegistryOptions
{
    public const string SectionName = "Notifications";

    /// <summary>How long an Api node's subscription lasts without a renewal; a node that died is forgotten after it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SubscriptionLease { get; set; } = TimeSpan.FromSeconds(30);
}
