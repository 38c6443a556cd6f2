using Orleans.Concurrency;

namespace Grains.Interfaces.Pipeline.Sources;

/// <summary>The cluster's event sources (key 0): what operators create, list, rotate and delete.</summary>
public interface IEventSourcesGrain : IGrainWithIntegerKey
{
    /// <summary>Null when a source of that name exists already (names label counters and metrics, so they are unique).</summary>
    Task<IssuedWriteKey?> CreateAsync(string name, int rateLimit);

    [ReadOnly]
    Task<EventSource[]> ListAsync();

    /// <summary>A new key; the one it replaces keeps working for <c>Pipeline:WriteKeyGrace</c>. Null for an unknown source.</summary>
    Task<IssuedWriteKey?> RotateAsync(Guid id);

    /// <summary>Every key of the source stops working at once. False for an unknown source.</summary>
    Task<bool> DeleteAsync(Guid id);
}
