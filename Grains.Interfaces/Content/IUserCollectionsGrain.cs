using Orleans.Concurrency;

namespace Grains.Interfaces.Content;

/// <summary>The ids of one user's collections in the order they were created, keyed by the user's id.</summary>
public interface IUserCollectionsGrain : IGrainWithGuidKey
{
    Task AddAsync(string collectionId);

    Task RemoveAsync(string collectionId);

    /// <summary>Up to <paramref name="max"/> entries below <paramref name="before"/> (all when null), newest first.</summary>
    [ReadOnly]
    Task<IndexEntry[]> ReadAsync(long? before, int max);
}
