using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Grains.Interfaces.Notifications;

namespace Api.Notifications;

/// <summary>
/// One connection: a bounded queue of live notifications, and the connection's place in its feeds (the public one, and
/// its user's own), which makes what it is sent exact. Replay first, from the feeds, of what followed the id it resumes
/// from; then live, where a notification the connection has passed already is skipped, and one that arrives with a
/// gap before it (it overtook another, or this node missed some) has the gap read from its feed first. So every
/// notification it may see arrives once and in its feed's order, whatever the node and however the connection started.
/// Delivery into the queue never waits, so a client that does not read delays nobody; when its queue is full the
/// connection is closed (<see cref="Overflowed"/>) and the client resumes from its last id.
/// </summary>
internal sealed class NotificationSubscriber
{
    private const int PublicFeed = 0, OwnFeed = 1;

    // Null wakes the reader for a resume request.
    private readonly Channel<OutgoingNotification?> _queue;
    private readonly CancellationTokenSource _overflow = new();
    private readonly string?[] _feeds;
    private readonly long[] _positions = new long[2];
    // After a start without an id, the heads read may already include notifications that were queued for this
    // connection (published after it subscribed, before the read answered): the first one queued of each feed says
    // where the connection really started.
    private readonly bool[] _startedLive = new bool[2];
    private readonly TimeProvider _clock;
    private ResumeRequest? _resume;

    public NotificationSubscriber(Guid? userId, NotificationTopics? topics, int bufferSize, TimeProvider clock)
    {
        _clock = clock;
        _queue = Channel.CreateBounded<OutgoingNotification?>(
            new BoundedChannelOptions(bufferSize) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _feeds = [NotificationFeeds.Public, userId is { } user ? NotificationFeeds.OfUser(user) : null];
        Topics = topics;
    }

    /// <summary>What the subscriber narrowed its notifications to; null for everything it may see.</summary>
    public NotificationTopics? Topics { get; set; }

    /// <summary>Cancelled when the queue overflowed: the connection must close.</summary>
    public CancellationToken Overflowed => _overflow.Token;

    private NotificationCursor Cursor => new(_positions[PublicFeed], _feeds[OwnFeed] is null ? null : _positions[OwnFeed]);

    public void Offer(OutgoingNotification notification)
    {
        if (!notification.Notification!.IsVisibleTo(_feeds[OwnFeed]) || _queue.Writer.TryWrite(notification))
            return;
        _queue.Writer.TryComplete();
        _overflow.Cancel();
    }

    /// <summary>Starts this connection over from <paramref name="since"/> (the hub's <c>Resume</c>): replay, then live again.</summary>
    public void Resume(NotificationCursor? since)
    {
        Volatile.Write(ref _resume, new ResumeRequest(since));
        _queue.Writer.TryWrite(null);
    }

    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>
    /// What to send, each with the id to send it with; a delivery without a notification is a keep-alive, made after
    /// <paramref name="keepAlive"/> of quiet. Ends when the queue is completed (the connection closes or overflowed).
    /// </summary>
    public async IAsyncEnumerable<NotificationDelivery> DeliverAsync(
        NotificationFeedReader feeds, NotificationCursor? since, TimeSpan? keepAlive, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _resume ??= new ResumeRequest(since);
        Task<bool>? waiting = null;
        while (true)
        {
            if (Interlocked.Exchange(ref _resume, null) is { } resume)
            {
                await foreach (var delivery in StartAsync(feeds, resume.Since))
                    yield return delivery;
            }
            else if (_queue.Reader.TryRead(out var live))
            {
                if (live is null) continue;
                StartAtIfLive(live);
                if (FollowsOn(live, out var feed))
                {
                    // The usual case, without the gap's reads (and their allocations): ten thousand connections take this path for each notification.
                    if (Pass(feed, live) is { } delivery)
                        yield return delivery;
                    continue;
                }
                await foreach (var delivery in PassAsync(feeds, live, feed))
                    yield return delivery;
            }
            else
            {
                waiting ??= _queue.Reader.WaitToReadAsync(cancellationToken).AsTask();
                if (keepAlive is { } quiet && await Task.WhenAny(waiting, Task.Delay(quiet, cancellationToken)) != waiting)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return new NotificationDelivery(Cursor.ToString(), null);
                    continue;
                }
                if (!await waiting) yield break;
                waiting = null;
            }
        }
    }

    /// <summary>Where a connection starts: at the feeds' heads, or after <paramref name="since"/> with what followed it replayed.</summary>
    private async IAsyncEnumerable<NotificationDelivery> StartAsync(NotificationFeedReader feeds, NotificationCursor? since)
    {
        var followed = Followed().ToArray();
        long[] after = [since?.Public ?? 0, since?.Private ?? 0];
        var reads = await Task.WhenAll(followed.Select(feed => feeds.ReadAsync(_feeds[feed]!, after[feed], since is null ? 0 : NotificationFeedReader.PageSize)));
        if (since is null || (_feeds[OwnFeed] is not null && since.Value.Private is null)
            || followed.Any(feed => reads[feed].Bounds.CannotContinueAfter(after[feed])))
        {
            foreach (var feed in followed)
                (_positions[feed], _startedLive[feed]) = (reads[feed].Bounds.Head, since is null);
            if (since is not null)
                yield return new NotificationDelivery(Cursor.ToString(), OutgoingNotification.Reset(_clock.GetUtcNow()));
            yield break;
        }

        foreach (var feed in followed)
            (_positions[feed], _startedLive[feed]) = (after[feed], false);
        // Both feeds at once, the older notification first: a client sees its own changes and others' as they happened.
        var replays = followed.Select(feed => new FeedReplay(feeds, _feeds[feed]!, feed, reads[feed])).ToArray();
        while (true)
        {
            FeedReplay? next = null;
            foreach (var replay in replays)
            {
                if (await replay.HasCurrentAsync() && (next is null || replay.Current.Notification!.At < next.Current.Notification!.At))
                    next = replay;
            }
            if (next is null) yield break;
            if (Pass(next.Feed, next.Current) is { } delivery)
                yield return delivery;
            next.MoveNext();
        }
    }

    private void StartAtIfLive(OutgoingNotification live)
    {
        var feed = FeedOf(live);
        if (!_startedLive[feed]) return;
        _startedLive[feed] = false;
        _positions[feed] = Math.Min(_positions[feed], live.Notification!.Sequence - 1);
    }

    /// <summary>Whether the live notification has no gap before it (or was passed already); <paramref name="feed"/> is the one it belongs to.</summary>
    private bool FollowsOn(OutgoingNotification live, out int feed)
    {
        feed = FeedOf(live);
        return live.Notification!.Sequence <= _positions[feed] + 1;
    }

    /// <summary>A live notification with a gap before it: the gap first, from the feed.</summary>
    private async IAsyncEnumerable<NotificationDelivery> PassAsync(NotificationFeedReader feeds, OutgoingNotification live, int feed)
    {
        var sequence = live.Notification!.Sequence;
        while (_positions[feed] < sequence - 1)
        {
            var position = _positions[feed];
            var read = await feeds.ReadAsync(_feeds[feed]!, position, NotificationFeedReader.PageSize);
            if (read.Bounds.CannotContinueAfter(position))
            {
                // So far behind that what it missed is no longer kept.
                _positions[feed] = read.Bounds.Head;
                yield return new NotificationDelivery(Cursor.ToString(), OutgoingNotification.Reset(_clock.GetUtcNow()));
                break;
            }
            foreach (var missed in read.Items)
            {
                if (Pass(feed, missed) is { } delivery)
                    yield return delivery;
            }
            // A short page reached the head, which the live notification's own number does not pass: the rest of the gap
            // are numbers the feed gave to appends that failed.
            if (read.Items.Length < NotificationFeedReader.PageSize)
                _positions[feed] = Math.Max(_positions[feed], Math.Min(sequence - 1, read.Bounds.Head));
        }
        if (Pass(feed, live) is { } next)
            yield return next;
    }

    /// <summary>Moves past the notification; answers its delivery unless it was passed already or is outside the topics.</summary>
    private NotificationDelivery? Pass(int feed, OutgoingNotification notification)
    {
        var sequence = notification.Notification!.Sequence;
        if (sequence <= _positions[feed])
            return null;
        _positions[feed] = sequence;
        return Topics?.Matches(notification.Notification) == false ? null : new NotificationDelivery(Cursor.ToString(), notification);
    }

    private static int FeedOf(OutgoingNotification notification) =>
        notification.Notification!.Feed == NotificationFeeds.Public ? PublicFeed : OwnFeed;

    private IEnumerable<int> Followed() => _feeds[OwnFeed] is null ? [PublicFeed] : [PublicFeed, OwnFeed];

    private sealed record ResumeRequest(NotificationCursor? Since);

    /// <summary>One feed's part of a replay, read a page at a time.</summary>
    private sealed class FeedReplay(NotificationFeedReader feeds, string name, int feed, FeedRead first)
    {
        private FeedRead _page = first;
        private int _next;

        public int Feed => feed;

        public OutgoingNotification Current => _page.Items[_next];

        public async ValueTask<bool> HasCurrentAsync()
        {
            if (_next < _page.Items.Length) return true;
            if (_page.Items.Length < NotificationFeedReader.PageSize) return false;
            _page = await feeds.ReadAsync(name, _page.Items[^1].Notification!.Sequence, NotificationFeedReader.PageSize);
            _next = 0;
            return _page.Items.Length > 0;
        }

        public void MoveNext() => _next++;
    }
}

/// <summary>What a transport sends: a notification with the connection's id for it, or (without one) a keep-alive.</summary>
internal readonly record struct NotificationDelivery(string Id, OutgoingNotification? Notification);
