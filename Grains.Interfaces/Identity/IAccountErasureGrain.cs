namespace Grains.Interfaces.Identity;

/// <summary>
/// Erases one account (key: the user id): its logins, posts (out of every collection and list), collections, second
/// factor, provider links, email, stored events, and last the account itself. Every step can be repeated, so an
/// erasure cut short by a crash is finished by running it again (<see cref="IPendingErasuresGrain"/> does).
/// </summary>
public interface IAccountErasureGrain : IGrainWithGuidKey
{
    /// <summary>Runs the erasure to its end; answers how many stored events it deleted.</summary>
    [Idempotent]
    Task<long> EraseAsync();
}
