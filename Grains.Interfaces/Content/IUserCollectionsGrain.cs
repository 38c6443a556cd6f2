using Orleans.Concurrency;

namespace Grains.Interfaces.Content;

/// <summary>The ids of one user's collections, keyed by the user's id.</summary>
public interface IUserCollectionsGrain : IGrainWithGuidKey
{
    Task AddAsync(string collectionId);

    Task RemoveAsync(string collectionId);

    /// <summary>Up to <paramref name="max"/> ids ordered below <paramref name="before"/> (all when null), newest first.</summary>
    [ReadOnly]
    Task<string[]> ReadAsync(string? before, int max);
}
