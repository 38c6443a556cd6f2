using System.ComponentModel.DataAnnotations;

namespace Api.Notifications;

public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>Notifications held for one connection that is not reading; one more closes it.</summary>
    [Range(1, 1_000_000)] public int BufferSize { get; set; } = 1024;
}
