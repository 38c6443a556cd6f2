using Orleans.Concurrency;

namespace Grains.Interfaces.Content;

/// <summary>
/// One collection, keyed by its id (a version 7 Guid string). Private to its owner: to anyone else it
/// answers <see cref="ChangeStatus.NotFound"/>, as if it did not exist.
/// </summary>
public interface ICollectionGrain : IGrainWithStringKey
{
    [Idempotent]
    Task<ChangeResult<Collection>> CreateAsync(Guid ownerId, CollectionInput input);

    /// <summary>The collection, or null when there is none or the caller does not own it.</summary>
    [ReadOnly]
    Task<Collection?> GetAsync(Guid callerId);

    /// <summary>Replaces the name (HTTP PUT).</summary>
    [Idempotent]
    Task<ChangeResult<Collection>> ReplaceAsync(Guid callerId, CollectionInput input, IfMatch? ifMatch);

    /// <summary>Changes only the fields given (HTTP PATCH).</summary>
    [Idempotent]
    Task<ChangeResult<Collection>> UpdateAsync(Guid callerId, CollectionInput input, IfMatch? ifMatch);

    [Idempotent]
    Task<ChangeResult<Collection>> DeleteAsync(Guid callerId, IfMatch? ifMatch);

    /// <summary>Adds a post once; adding it again changes nothing. <see cref="ChangeStatus.PostNotFound"/> for an unknown post.</summary>
    [Idempotent]
    Task<ChangeResult<Collection>> AddPostAsync(Guid callerId, string? postId, IfMatch? ifMatch);

    /// <summary>Removes a post; removing one that is not there changes nothing, unless the post is unknown.</summary>
    [Idempotent]
    Task<ChangeResult<Collection>> RemovePostAsync(Guid callerId, string? postId, IfMatch? ifMatch);

    /// <summary>Drops a post that <paramref name="actorId"/> is deleting; called by the post, not by users.</summary>
    Task PurgePostAsync(string postId, Guid actorId);
}
