using Grains.Interfaces.Content;
using Grains.Interfaces.Notifications;
using Grains.Notifications;

namespace Grains.Content;

internal sealed partial class PostGrain(
    [PersistentState("post", StorageNames.Platform)] IPersistentState<PostState> state,
    TimeProvider clock,
    ILogger<PostGrain> logger) : Grain, IPostGrain
{
    private string Id => this.GetPrimaryKeyString();

    public async Task<ChangeResult<Post>> CreateAsync(Guid authorId, PostInput input)
    {
        if (state.RecordExists) return IsRepeatOf(authorId, input) ? await RepeatedAsync() : ChangeResult<Post>.Fail(ChangeStatus.Conflict);
        var errors = Validate(input, partial: false);
        if (errors.Any) return ChangeResult<Post>.Invalid(errors.ToDictionary());

        var slot = await GrainFactory.GetGrain<IPostFeedGrain>(0).ReserveAsync();
        // The index entries go first: a listing skips an entry whose post is not written yet, whereas a post
        // written without its entries would be missing from the feed, or be left behind by its author's erasure.
        var entry = new IndexEntry(Sequence: slot.Sequence, Id: Id);
        await Task.WhenAll(Segment(slot.Sequence).AddAsync(entry), AuthorSegment(authorId, slot.Sequence).AddAsync(entry));
        await SaveAsync(new PostState
        {
            Title = input.Title!,
            Body = input.Body ?? "",
            AuthorId = authorId,
            CreatedAt = slot.At,
            UpdatedAt = slot.At,
            Version = 1,
            FeedSequence = slot.Sequence,
        });
        await NotifyAsync(NotificationTypes.PostCreated, authorId, ToPost());
        return ChangeResult<Post>.Ok(ToPost());
    }

    /// <summary>An Api node repeats a create whose first attempt died with a silo: the same author and input mean the same post.</summary>
    private bool IsRepeatOf(Guid authorId, PostInput input) =>
        state.State.AuthorId == authorId && state.State.Title == input.Title && state.State.Body == (input.Body ?? "");

    public Task<Post?> GetAsync() => Task.FromResult(state.RecordExists ? ToPost() : null);

    public Task<bool> ExistsAsync() => Task.FromResult(state.RecordExists);

    public Task<ChangeResult<Post>> ReplaceAsync(Guid callerId, PostInput input, IfMatch? ifMatch) =>
        ChangeAsync(callerId, input with { Body = input.Body ?? "" }, ifMatch, partial: false);

    public Task<ChangeResult<Post>> UpdateAsync(Guid callerId, PostInput input, IfMatch? ifMatch) =>
        ChangeAsync(callerId, input, ifMatch, partial: true);

    public async Task<ChangeResult<Post>> DeleteAsync(Guid callerId, IfMatch? ifMatch)
    {
        if (Refusal(callerId, ifMatch) is { } refused) return ChangeResult<Post>.Fail(refused);

        // Closing the membership first stops new adds; a failure below leaves the post in place, so
        // repeating the delete finishes the job.
        var collections = await GrainFactory.GetGrain<IPostMembershipGrain>(Id).CloseAsync();
        await PurgeFromAsync(collections, callerId);
        var sequence = state.State.FeedSequence;
        await Segment(sequence).RemoveAsync(sequence);
        var last = ToPost();
        await RemoveAsync();
        // Only once the post is gone: an entry left by a failure here points at nothing, which erasure skips.
        await AuthorSegment(last.AuthorId, sequence).RemoveAsync(sequence);
        await NotifyAsync(NotificationTypes.PostDeleted, callerId, last);
        LogDeleted(Id, collections.Length);
        return ChangeResult<Post>.Ok(null);
    }

    private async Task<ChangeResult<Post>> ChangeAsync(Guid callerId, PostInput input, IfMatch? ifMatch, bool partial)
    {
        if (Refusal(callerId, ifMatch) is { } refused) return ChangeResult<Post>.Fail(refused);
        var errors = Validate(input, partial);
        if (errors.Any) return ChangeResult<Post>.Invalid(errors.ToDictionary());

        var current = state.State;
        var next = current with { Title = input.Title ?? current.Title, Body = input.Body ?? current.Body };
        if (next == current) return await RepeatedAsync();

        await SaveAsync(next with { Version = current.Version + 1, UpdatedAt = clock.GetUtcNow() });
        await NotifyAsync(NotificationTypes.PostUpdated, callerId, ToPost());
        return ChangeResult<Post>.Ok(ToPost());
    }

    /// <summary>The rules every change passes in this order: existence, authorship, then the caller's version.</summary>
    private ChangeStatus? Refusal(Guid callerId, IfMatch? ifMatch) =>
        !state.RecordExists ? ChangeStatus.NotFound
        : state.State.AuthorId != callerId ? ChangeStatus.Forbidden
        : ifMatch is not null && !ifMatch.Matches(state.State.Version) ? ChangeStatus.VersionMismatch
        : null;

    private static FieldErrors Validate(PostInput input, bool partial) => new FieldErrors()
        .Text("title", input.Title, ContentLimits.TitleMaxLength, required: !partial)
        .Text("body", input.Body, ContentLimits.BodyMaxLength, required: false, allowBlank: true);

    private async Task PurgeFromAsync(string[] collectionIds, Guid actorId)
    {
        var purges = collectionIds.Select(async collectionId =>
        {
            try
            {
                await GrainFactory.GetGrain<ICollectionGrain>(collectionId).PurgePostAsync(Id, actorId);
            }
            catch (Exception exception)
            {
                LogPurgeFailed(exception, Id, collectionId);
                throw;
            }
        });
        await Task.WhenAll(purges);
    }

    private IPostFeedSegmentGrain Segment(long sequence) =>
        GrainFactory.GetGrain<IPostFeedSegmentGrain>(IIndexSegmentGrain.SegmentOf(sequence));

    private IAuthorPostsSegmentGrain AuthorSegment(Guid authorId, long sequence) =>
        GrainFactory.GetGrain<IAuthorPostsSegmentGrain>(IAuthorPostsSegmentGrain.KeyFor(authorId, IIndexSegmentGrain.SegmentOf(sequence)));

    // The post's only two write paths.
    private async Task SaveAsync(PostState next)
    {
        state.State = next;
        await state.WriteOrDeactivateAsync(this);
    }

    private async Task RemoveAsync() => await state.ClearStateAsync();

    /// <summary>Post notifications are public. A change is answered only once its notification is in the feed.</summary>
    private Task NotifyAsync(string type, Guid actorId, Post post) =>
        PublicFeed.AppendAsync(NotificationDraft.Of(type, Id, actorId, post.Version, post));

    /// <summary>
    /// What a repeated call answers when the change it asks for is there already (the Api repeats a call whose silo
    /// died). Only the author changes a post, so they are its actor.
    /// </summary>
    private async Task<ChangeResult<Post>> RepeatedAsync()
    {
        var current = state.State;
        var change = current.Version == 1 ? NotificationTypes.PostCreated : NotificationTypes.PostUpdated;
        await PublicFeed.EnsureRepeatedAsync(() => NotificationDraft.Of(change, Id, current.AuthorId, current.Version, ToPost()), current.UpdatedAt, clock);
        return ChangeResult<Post>.Ok(ToPost());
    }

    private INotificationFeedGrain PublicFeed => GrainFactory.GetGrain<INotificationFeedGrain>(NotificationFeeds.Public);

    private Post ToPost() => new(
        Id: Id,
        Title: state.State.Title,
        Body: state.State.Body,
        AuthorId: state.State.AuthorId,
        CreatedAt: state.State.CreatedAt.UtcDateTime,
        UpdatedAt: state.State.UpdatedAt.UtcDateTime,
        Version: state.State.Version);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Post {PostId} deleted; it left {CollectionCount} collection(s)")]
    private partial void LogDeleted(string postId, int collectionCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Post {PostId} could not leave collection {CollectionId}; the delete must be repeated")]
    private partial void LogPurgeFailed(Exception exception, string postId, string collectionId);
}
