namespace Grains.Interfaces.Pipeline;

/// <summary>
/// Dead letters a filtered replay sent back while letters before them in their partition stay pending (key 0): the
/// replay group's committed offset cannot skip them, so they are remembered here until it passes them.
/// </summary>
public interface IDeadLetterReplaysGrain : IGrainWithIntegerKey
{
    /// <summary>Replayed letters above the committed offsets, by dead-letter partition.</summary>
    [Idempotent]
    Task<Dictionary<int, long[]>> GetAsync();

    Task AddAsync(Dictionary<int, long[]> replayed);

    /// <summary>Forgets what lies below each partition's committed offset, which the offset itself now covers.</summary>
    Task ForgetBelowAsync(Dictionary<int, long> committed);
}
