namespace Grains.Interfaces.Identity;

/// <summary>One account (key: the user id, which is also the access token's <c>sub</c>).</summary>
public interface IUserGrain : IGrainWithGuidKey
{
    /// <summary>Creates the account: the email index after claiming the email, or a social sign-in whose email is unverified.</summary>
    Task CreateAsync(NewUser user);

    /// <summary>Adds an external sign-in provider to the account (idempotent).</summary>
    Task LinkProviderAsync(string provider);

    /// <summary>Null when no such user exists.</summary>
    [Idempotent]
    Task<UserProfile?> GetProfileAsync();

    /// <summary>Starts a password login: refuses while the account is locked out, else hands out the hash to verify.</summary>
    Task<LogInAttempt> BeginLogInAsync();

    /// <summary>
    /// Records the outcome of a password check, counting failures toward a lockout. A successful check may
    /// bring <paramref name="upgradedHash"/>: the same password hashed with stronger parameters.
    /// </summary>
    Task<LogInResult> CompleteLogInAsync(bool passwordMatched, string? upgradedHash);
}
