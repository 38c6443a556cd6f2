using Grains.Interfaces.Content;
using Grains.Interfaces.Identity;
using Grains.Interfaces.Notifications;
using Grains.Pipeline;

namespace Grains.Identity.Erasure;

/// <summary>
/// The order matters: the account disappears and its logins end first, so nothing new is made by it while the rest
/// goes; the email is freed only after the posts and collections are gone, so a new account with that email never
/// meets the old one's content (nor the notifications that carried it); the account's own state goes last, as the marker that the erasure is complete.
/// </summary>
internal sealed partial class AccountErasureGrain(IAnalyticsStore store, ILogger<AccountErasureGrain> logger) : Grain, IAccountErasureGrain
{
    // Posts and collections deleted at once; each delete touches a few other grains.
    private const int ConcurrentDeletes = 16;

    private Guid UserId => this.GetPrimaryKey();

    public async Task<long> EraseAsync()
    {
        var user = GrainFactory.GetGrain<IUserGrain>(UserId);
        var footprint = await user.BeginErasureAsync();
        await GrainFactory.GetGrain<IUserSessionsGrain>(UserId).RevokeAllAsync();

        var posts = await DeletePostsAsync();
        var collections = await DeleteCollectionsAsync();
        // After the deletes, whose own notifications carry the content's last state.
        await GrainFactory.GetGrain<INotificationFeedGrain>(NotificationFeeds.Public).ForgetActorAsync(UserId.ToString());
        await GrainFactory.GetGrain<INotificationFeedGrain>(NotificationFeeds.OfUser(UserId)).ClearAsync();
        await GrainFactory.GetGrain<ITwoFactorGrain>(UserId).DisableAsync();

        if (footprint is not null)
        {
            await Task.WhenAll(footprint.ExternalLoginKeys.Select(key => GrainFactory.GetGrain<IExternalLoginGrain>(key).ForgetAsync(UserId)));
            await GrainFactory.GetGrain<IEmailIndexGrain>(EmailAddress.Normalize(footprint.Email)).ReleaseAsync(UserId);
        }
        var events = await store.EraseUserAsync(UserId.ToString("D"));
        await user.CompleteErasureAsync();
        LogErased(UserId, posts, collections, events);
        return events;
    }

    /// <summary>Every post the author index names; an entry whose post is gone already is taken out.</summary>
    private async Task<int> DeletePostsAsync()
    {
        var deleted = 0;
        foreach (var segment in await GrainFactory.GetGrain<IAuthorPostsGrain>(UserId).GetSegmentsAsync())
        {
            var index = GrainFactory.GetGrain<IAuthorPostsSegmentGrain>(IAuthorPostsSegmentGrain.KeyFor(UserId, segment));
            var entries = await index.ReadAsync(before: long.MaxValue, max: IIndexSegmentGrain.SegmentSize);
            await DeleteEachAsync(entries, async entry =>
            {
                if ((await GrainFactory.GetGrain<IPostGrain>(entry.Id).DeleteAsync(UserId, ifMatch: null)).Status is ChangeStatus.NotFound or ChangeStatus.Forbidden)
                    await index.RemoveAsync(entry.Sequence);
            });
            deleted += entries.Length;
        }
        return deleted;
    }

    private async Task<int> DeleteCollectionsAsync()
    {
        var index = GrainFactory.GetGrain<IUserCollectionsGrain>(UserId);
        var entries = await index.ReadAsync(before: null, max: int.MaxValue);
        await DeleteEachAsync(entries, async entry =>
        {
            if ((await GrainFactory.GetGrain<ICollectionGrain>(entry.Id).DeleteAsync(UserId, ifMatch: null)).Status is ChangeStatus.NotFound or ChangeStatus.Forbidden)
                await index.RemoveAsync(entry.Id);
        });
        return entries.Length;
    }

    private static async Task DeleteEachAsync(IndexEntry[] entries, Func<IndexEntry, Task> delete)
    {
        foreach (var batch in entries.Chunk(ConcurrentDeletes))
            await Task.WhenAll(batch.Select(delete));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {UserId} erased: {Posts} post(s), {Collections} collection(s), {Events} stored event(s)")]
    private partial void LogErased(Guid userId, int posts, int collections, long events);
}
