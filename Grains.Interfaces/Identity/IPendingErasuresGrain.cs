namespace Grains.Interfaces.Identity;

/// <summary>
/// The erasures begun and not known to be finished (key 0), kept in storage. While any is pending it runs them again
/// every minute; each silo wakes it at start, so an erasure a crash interrupted is finished after the restart.
/// </summary>
public interface IPendingErasuresGrain : IGrainWithIntegerKey
{
    Task AddAsync(Guid userId);

    Task RemoveAsync(Guid userId);

    /// <summary>Activates the grain, which resumes what is pending.</summary>
    [Idempotent]
    Task ResumeAsync();
}
