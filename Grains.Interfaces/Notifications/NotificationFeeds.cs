namespace Grains.Interfaces.Notifications;

/// <summary>
/// The feeds notifications are kept and ordered in: one public feed of post changes that everybody may read, and one
/// private feed per user of their collections' changes, keyed by the user's id.
/// </summary>
public static class NotificationFeeds
{
    public const string Public = "public";

    public static string OfUser(Guid userId) => userId.ToString("D");
}
