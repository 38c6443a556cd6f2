using Orleans.Concurrency;

namespace Grains.Interfaces.Content;

/// <summary>
/// Hands out feed sequence numbers, newest highest. There is one, keyed 0; it keeps its counter in
/// memory and persists only a reservation per block of numbers, so it is no bottleneck.
/// </summary>
public interface IPostFeedGrain : IGrainWithIntegerKey
{
    Task<FeedSlot> ReserveAsync();

    /// <summary>One past the highest sequence number handed out so far.</summary>
    [ReadOnly]
    Task<long> GetHeadAsync();
}
