using Orleans.Concurrency;

namespace Grains.Interfaces.Content;

/// <summary>One post, keyed by its id (a version 7 Guid string). Only the author changes it.</summary>
public interface IPostGrain : IGrainWithStringKey
{
    /// <summary>Creates the post once and puts it on the feed; repeating it with the same author and input answers the post, anything else <see cref="ChangeStatus.Conflict"/>.</summary>
    [Idempotent]
    Task<ChangeResult<Post>> CreateAsync(Guid authorId, PostInput input);

    /// <summary>The post, or null when there is none.</summary>
    [ReadOnly]
    Task<Post?> GetAsync();

    /// <summary>Replaces title and body (HTTP PUT).</summary>
    [Idempotent]
    Task<ChangeResult<Post>> ReplaceAsync(Guid callerId, PostInput input, IfMatch? ifMatch);

    /// <summary>Changes only the fields given (HTTP PATCH).</summary>
    [Idempotent]
    Task<ChangeResult<Post>> UpdateAsync(Guid callerId, PostInput input, IfMatch? ifMatch);

    /// <summary>Deletes the post and takes it out of the feed and of every collection that holds it.</summary>
    [Idempotent]
    Task<ChangeResult<Post>> DeleteAsync(Guid callerId, IfMatch? ifMatch);

    /// <summary>
    /// Whether the post exists. It interleaves with everything, so that grains this post waits on while it
    /// is deleted can still ask without a deadlock; it only reads.
    /// </summary>
    [AlwaysInterleave]
    Task<bool> ExistsAsync();
}
