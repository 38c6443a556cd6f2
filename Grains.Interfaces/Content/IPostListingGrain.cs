namespace Grains.Interfaces.Content;

/// <summary>Reads pages of all posts, newest first. Stateless: call it with key 0.</summary>
public interface IPostListingGrain : IGrainWithIntegerKey
{
    [Idempotent]
    Task<PageResult<Post>> ListAsync(PageRequest request);
}
