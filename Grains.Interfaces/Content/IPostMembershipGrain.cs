namespace Grains.Interfaces.Content;

/// <summary>
/// Which collections hold a post, keyed by the post's id. A grain of its own rather than part of the post
/// grain: collections call it while they add a post, and the post calls the collections while it is
/// deleted, so keeping it apart leaves no cycle of waiting grains. It calls nothing but
/// <see cref="IPostGrain.ExistsAsync"/>, which always interleaves.
/// </summary>
public interface IPostMembershipGrain : IGrainWithStringKey
{
    /// <summary>Records that a collection holds the post; false when the post does not exist or is being deleted.</summary>
    Task<bool> AttachAsync(string collectionId);

    Task DetachAsync(string collectionId);

    /// <summary>Refuses every later attach and answers the collections that hold the post. Repeatable.</summary>
    Task<string[]> CloseAsync();
}
