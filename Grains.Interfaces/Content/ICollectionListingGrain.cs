namespace Grains.Interfaces.Content;

/// <summary>Reads pages of one owner's collections, newest first. Stateless: call it with key 0.</summary>
public interface ICollectionListingGrain : IGrainWithIntegerKey
{
    [Idempotent]
    Task<PageResult<Collection>> ListAsync(Guid ownerId, PageRequest request);
}
