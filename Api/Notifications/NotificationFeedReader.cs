using System.Collections.Concurrent;
using Grains.Interfaces.Notifications;

namespace Api.Notifications;

/// <summary>
/// Reads feeds for this node's connections. Reads of the same part of a feed at the same time share one grain call
/// and one JSON rendering: a thousand connections resuming from the same id, or noticing the same gap, cost one.
/// </summary>
internal sealed class NotificationFeedReader(IGrainFactory grains)
{
    public const int PageSize = 500;

    private readonly ConcurrentDictionary<(string Feed, long After, int Max), Task<FeedRead>> _reads = new();

    public Task<FeedRead> ReadAsync(string feed, long after, int max)
    {
        var key = (feed, after, max);
        if (_reads.TryGetValue(key, out var running))
            return running;
        var read = new TaskCompletionSource<FeedRead>(TaskCreationOptions.RunContinuationsAsynchronously);
        var shared = _reads.GetOrAdd(key, read.Task);
        if (shared == read.Task)
            _ = FillAsync(key, read);
        return shared;
    }

    private async Task FillAsync((string Feed, long After, int Max) key, TaskCompletionSource<FeedRead> read)
    {
        try
        {
            var page = await grains.GetGrain<INotificationFeedGrain>(key.Feed).ReadAsync(key.After, key.Max);
            read.SetResult(new FeedRead(page with { Items = [] }, [.. page.Items.Select(OutgoingNotification.From)]));
        }
        catch (Exception exception)
        {
            read.SetException(exception);
        }
        finally
        {
            _reads.TryRemove(new(key, read.Task));
        }
    }
}

/// <summary>A <see cref="FeedPage"/> ready to send: its bounds, and its notifications rendered.</summary>
internal sealed record FeedRead(FeedPage Bounds, OutgoingNotification[] Items);
