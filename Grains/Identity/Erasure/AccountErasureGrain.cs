using Grains.Interfaces.Content;
using Grains.Interfaces.Identity;
using Grains.Pipeline;

namespace Grains.Identity.Erasure;

/// <summary>
/// The order matters: the account disappears and its logins end first, so nothing new is made by it while the rest
/// goes; the email is freed only after the posts and collections are gone, so a new account with that email never
/// meets the old one's content; the account's own state goes last, as the marker that the erasure is complete.
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

        var posts = await DeleteAllAsync(GrainFactory.GetGrain<IUserPostsGrain>(UserId),
            id => GrainFactory.GetGrain<IPostGrain>(id).DeleteAsync(UserId, ifMatch: null));
        var collections = await DeleteAllAsync(GrainFactory.GetGrain<IUserCollectionsGrain>(UserId),
            id => GrainFactory.GetGrain<ICollectionGrain>(id).DeleteAsync(UserId, ifMatch: null));
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

    /// <summary>Deletes every resource the index names, and takes out entries whose resource is gone already.</summary>
    private static async Task<int> DeleteAllAsync<T>(IUserIndexGrain index, Func<string, Task<ChangeResult<T>>> delete) where T : class
    {
        var entries = await index.ReadAsync(before: null, max: int.MaxValue);
        foreach (var batch in entries.Chunk(ConcurrentDeletes))
        {
            await Task.WhenAll(batch.Select(async entry =>
            {
                if ((await delete(entry.Id)).Status is ChangeStatus.NotFound or ChangeStatus.Forbidden)
                    await index.RemoveAsync(entry.Id);
            }));
        }
        return entries.Length;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {UserId} erased: {Posts} post(s), {Collections} collection(s), {Events} stored event(s)")]
    private partial void LogErased(Guid userId, int posts, int collections, long events);
}
