namespace Grains.Interfaces.Identity;

/// <summary>
/// Maps one normalized email (trimmed, case-folded; the grain key) to its user. Calls to one grain run one
/// at a time, so of concurrent signups with one email exactly one registers.
/// </summary>
public interface IEmailIndexGrain : IGrainWithStringKey
{
    Task<Guid?> GetUserIdAsync();

    /// <summary>Claims the email for <paramref name="user"/> and creates that user; false when the email is taken.</summary>
    Task<bool> TryRegisterAsync(NewUser user);

    /// <summary>Frees the email for a new signup, if <paramref name="userId"/> still holds it (its account is being erased).</summary>
    [Idempotent]
    Task ReleaseAsync(Guid userId);
}
