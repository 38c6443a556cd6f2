using Grains.Interfaces.Content;
using Grains.Interfaces.Notifications;

namespace Api.Notifications;

/// <summary>
/// What a subscriber narrowed its notifications to: <c>topics=post:{id},collection:{id}</c>. A post topic matches
/// that post's notifications; a collection topic that collection's, which only its owner may ask for.
/// </summary>
internal sealed class NotificationTopics
{
    public const int MaxTopics = 100;
    private const string PostPrefix = "post:", CollectionPrefix = "collection:";
    private const int MaxIdLength = 64;

    private NotificationTopics(HashSet<string> posts, HashSet<string> collections) => (Posts, Collections) = (posts, collections);

    public IReadOnlySet<string> Posts { get; }

    public IReadOnlySet<string> Collections { get; }

    /// <summary>Null topics for a missing or empty value (everything the caller may see); an error for a malformed one.</summary>
    public static bool TryParse(string? text, out NotificationTopics? topics, out string? error)
    {
        (topics, error) = (null, null);
        if (string.IsNullOrWhiteSpace(text))
            return true;
        var (posts, collections) = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > MaxTopics)
        {
            error = $"At most {MaxTopics} topics.";
            return false;
        }
        foreach (var part in parts)
        {
            var (set, id) = part.StartsWith(PostPrefix, StringComparison.Ordinal) ? (posts, part[PostPrefix.Length..])
                : part.StartsWith(CollectionPrefix, StringComparison.Ordinal) ? (collections, part[CollectionPrefix.Length..])
                : (null, "");
            if (set is null || id.Length is 0 or > MaxIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                error = $"'{part}' is not a topic: use post:{{id}} or collection:{{id}}, comma-separated.";
                return false;
            }
            set.Add(id);
        }
        topics = new NotificationTopics(posts, collections);
        return true;
    }

    public bool Matches(Notification notification) =>
        notification.Type.StartsWith("post.", StringComparison.Ordinal) ? Posts.Contains(notification.ResourceId)
        : notification.Type.StartsWith("collection.", StringComparison.Ordinal) && Collections.Contains(notification.ResourceId);

    /// <summary>The first collection the caller may not see (or that does not exist), or null when there is none.</summary>
    public async Task<string?> FirstRefusedCollectionAsync(IGrainFactory grains, Guid? callerId)
    {
        foreach (var id in Collections)
        {
            if (callerId is not { } caller || await grains.GetGrain<ICollectionGrain>(id).GetAsync(caller) is null)
                return id;
        }
        return null;
    }
}
