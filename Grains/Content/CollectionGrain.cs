using Grains.Interfaces.Content;
using Grains.Interfaces.Notifications;
using Grains.Notifications;

namespace Grains.Content;

internal sealed partial class CollectionGrain(
    [PersistentState("collection", StorageNames.Platform)] IPersistentState<CollectionState> state,
    TimeProvider clock,
    ILogger<CollectionGrain> logger) : Grain, ICollectionGrain
{
    private string Id => this.GetPrimaryKeyString();

    public async Task<ChangeResult<Collection>> CreateAsync(Guid ownerId, CollectionInput input)
    {
        if (state.RecordExists)
        {
            // An Api node repeats a create whose first attempt died with a silo: same owner and name, same collection.
            return state.State.OwnerId == ownerId && state.State.Name == input.Name
                ? await RepeatedAsync()
                : ChangeResult<Collection>.Fail(ChangeStatus.Conflict);
        }

        var errors = Validate(input, partial: false);
        if (errors.Any) return ChangeResult<Collection>.Invalid(errors.ToDictionary());

        // Listed first: a listing skips an id without a collection, but could never find an unlisted one.
        await GrainFactory.GetGrain<IUserCollectionsGrain>(ownerId).AddAsync(Id);
        var now = clock.GetUtcNow();
        await SaveAsync(new CollectionState { Name = input.Name!, OwnerId = ownerId, CreatedAt = now, UpdatedAt = now, Version = 1 },
            NotificationTypes.CollectionCreated, ownerId);
        return Ok();
    }

    public Task<Collection?> GetAsync(Guid callerId) =>
        Task.FromResult(Visible(callerId) ? ToCollection() : null);

    public Task<ChangeResult<Collection>> ReplaceAsync(Guid callerId, CollectionInput input, IfMatch? ifMatch) =>
        ChangeAsync(callerId, input, ifMatch, partial: false);

    public Task<ChangeResult<Collection>> UpdateAsync(Guid callerId, CollectionInput input, IfMatch? ifMatch) =>
        ChangeAsync(callerId, input, ifMatch, partial: true);

    public async Task<ChangeResult<Collection>> DeleteAsync(Guid callerId, IfMatch? ifMatch)
    {
        if (Refusal(callerId, ifMatch) is { } refused) return ChangeResult<Collection>.Fail(refused);

        await Task.WhenAll(state.State.PostIds.Select(DetachAsync));
        await GrainFactory.GetGrain<IUserCollectionsGrain>(state.State.OwnerId).RemoveAsync(Id);
        var last = ToCollection();
        await RemoveAsync();
        await NotifyAsync(NotificationTypes.CollectionDeleted, callerId, last);
        return ChangeResult<Collection>.Ok(null);
    }

    public async Task<ChangeResult<Collection>> AddPostAsync(Guid callerId, string? postId, IfMatch? ifMatch)
    {
        if (Refusal(callerId, ifMatch, postId) is { } refused) return refused;
        if (state.State.PostIds.Contains(postId!)) return await RepeatedAsync();
        // The membership refuses a post that does not exist or is being deleted; once it has said yes,
        // a delete of the post will find this collection and purge it.
        if (!await GrainFactory.GetGrain<IPostMembershipGrain>(postId!).AttachAsync(Id))
            return ChangeResult<Collection>.Fail(ChangeStatus.PostNotFound);

        await SaveAsync(Changed(state.State with { PostIds = [.. state.State.PostIds, postId!] }), NotificationTypes.CollectionPostAdded, callerId);
        return Ok();
    }

    public async Task<ChangeResult<Collection>> RemovePostAsync(Guid callerId, string? postId, IfMatch? ifMatch)
    {
        if (Refusal(callerId, ifMatch, postId) is { } refused) return refused;
        if (!state.State.PostIds.Contains(postId!))
        {
            return await GrainFactory.GetGrain<IPostGrain>(postId!).ExistsAsync()
                ? await RepeatedAsync()
                : ChangeResult<Collection>.Fail(ChangeStatus.PostNotFound);
        }

        await SaveAsync(Changed(state.State with { PostIds = [.. state.State.PostIds.Where(id => id != postId)] }), NotificationTypes.CollectionPostRemoved, callerId);
        await DetachAsync(postId!);
        return Ok();
    }

    public async Task PurgePostAsync(string postId, Guid actorId)
    {
        if (!state.RecordExists) return;
        if (!state.State.PostIds.Contains(postId))
        {
            await RepeatedAsync();
            return;
        }
        await SaveAsync(Changed(state.State with { PostIds = [.. state.State.PostIds.Where(id => id != postId)] }), NotificationTypes.CollectionPostRemoved, actorId);
    }

    private async Task<ChangeResult<Collection>> ChangeAsync(Guid callerId, CollectionInput input, IfMatch? ifMatch, bool partial)
    {
        if (Refusal(callerId, ifMatch) is { } refused) return ChangeResult<Collection>.Fail(refused);
        var errors = Validate(input, partial);
        if (errors.Any) return ChangeResult<Collection>.Invalid(errors.ToDictionary());

        var name = input.Name ?? state.State.Name;
        if (name == state.State.Name) return await RepeatedAsync();
        await SaveAsync(Changed(state.State with { Name = name }), NotificationTypes.CollectionUpdated, callerId);
        return Ok();
    }

    private bool Visible(Guid callerId) => state.RecordExists && state.State.OwnerId == callerId;

    /// <summary>To anyone but the owner the collection does not exist; the owner's version must match.</summary>
    private ChangeStatus? Refusal(Guid callerId, IfMatch? ifMatch) =>
        !Visible(callerId) ? ChangeStatus.NotFound
        : ifMatch is not null && !ifMatch.Matches(state.State.Version) ? ChangeStatus.VersionMismatch
        : null;

    private ChangeResult<Collection>? Refusal(Guid callerId, IfMatch? ifMatch, string? postId)
    {
        if (Refusal(callerId, ifMatch) is { } refused) return ChangeResult<Collection>.Fail(refused);
        var errors = new FieldErrors().Required("post_id", postId);
        return errors.Any ? ChangeResult<Collection>.Invalid(errors.ToDictionary()) : null;
    }

    private static FieldErrors Validate(CollectionInput input, bool partial) => new FieldErrors()
        .Text("name", input.Name, ContentLimits.CollectionNameMaxLength, required: !partial);

    private CollectionState Changed(CollectionState next) =>
        next with { Version = state.State.Version + 1, UpdatedAt = clock.GetUtcNow() };

    private async Task DetachAsync(string postId)
    {
        // A membership left behind only costs the post's delete a purge call that finds nothing.
        try
        {
            await GrainFactory.GetGrain<IPostMembershipGrain>(postId).DetachAsync(Id);
        }
        catch (Exception exception)
        {
            LogDetachFailed(exception, Id, postId);
        }
    }

    // The collection's only two write paths. A change is answered only once its notification is in the owner's feed.
    private async Task SaveAsync(CollectionState next, string change, Guid actorId)
    {
        state.State = next with { LastChange = change, LastActorId = actorId };
        await state.WriteOrDeactivateAsync(this);
        await NotifyAsync(change, actorId, ToCollection());
    }

    private async Task RemoveAsync() => await state.ClearStateAsync();

    /// <summary>Collections are private: their notifications go to their owner's feed.</summary>
    private Task NotifyAsync(string type, Guid actorId, Collection data) =>
        OwnerFeed(data).AppendAsync(NotificationDraft.Of(type, Id, actorId, data.Version, data));

    /// <summary>What a repeated call answers when the change it asks for is there already (the Api repeats a call whose silo died).</summary>
    private async Task<ChangeResult<Collection>> RepeatedAsync()
    {
        var (current, data) = (state.State, ToCollection());
        if (current.LastChange is { } change)
        {
            await OwnerFeed(data).EnsureRepeatedAsync(
                () => NotificationDraft.Of(change, Id, current.LastActorId, data.Version, data), current.UpdatedAt, clock);
        }
        return Ok();
    }

    private INotificationFeedGrain OwnerFeed(Collection data) =>
        GrainFactory.GetGrain<INotificationFeedGrain>(NotificationFeeds.OfUser(data.OwnerId));

    private ChangeResult<Collection> Ok() => ChangeResult<Collection>.Ok(ToCollection());

    private Collection ToCollection() => new(
        Id: Id,
        Name: state.State.Name,
        OwnerId: state.State.OwnerId,
        PostIds: [.. state.State.PostIds],
        CreatedAt: state.State.CreatedAt.UtcDateTime,
        UpdatedAt: state.State.UpdatedAt.UtcDateTime,
        Version: state.State.Version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Collection {CollectionId} could not detach from post {PostId}")]
    private partial void LogDetachFailed(Exception exception, string collectionId, string postId);
}
