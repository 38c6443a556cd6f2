namespace Grains.Interfaces.Identity;

/// <summary>One account (key: the user id, which is also the access token's <c>sub</c>).</summary>
public interface IUserGrain : IGrainWithGuidKey
{
    /// <summary>Creates the account: the email index after claiming the email, or a social sign-in whose email is unverified.</summary>
    Task CreateAsync(NewUser user);

    /// <summary>Links a provider account (<paramref name="externalLoginKey"/>, of <paramref name="provider"/>) to this account (idempotent).</summary>
    Task LinkProviderAsync(string provider, string externalLoginKey);

    /// <summary>
    /// Starts erasing the account: from now on it exists for nobody (no profile, no login). Answers what else to remove;
    /// null when there is no such account. Repeatable.
    /// </summary>
    [Idempotent]
    Task<AccountFootprint?> BeginErasureAsync();

    /// <summary>Deletes the account's state, the last step of its erasure.</summary>
    [Idempotent]
    Task CompleteErasureAsync();

    /// <summary>Null when no such user exists.</summary>
    [Idempotent]
    Task<UserProfile?> GetProfileAsync();

    [Idempotent]
    Task<bool> IsEmailVerifiedAsync();

    /// <summary>
    /// A new verification link's token (replacing any earlier one); null when the email is verified already, no such user
    /// exists, or a link went out less than a minute ago.
    /// </summary>
    Task<MailToken?> IssueEmailVerificationAsync();

    /// <summary>Spends a verification token; false when it is not the latest, expired or spent.</summary>
    Task<bool> VerifyEmailAsync(byte[] secret);

    /// <summary>A new password-reset link's token (replacing any earlier one); null when no such user exists or a link went out less than a minute ago.</summary>
    Task<MailToken?> IssuePasswordResetAsync();

    /// <summary>Whether <paramref name="secret"/> would reset the password now: checked before the new password is hashed.</summary>
    [Idempotent]
    Task<bool> AcceptsPasswordResetAsync(byte[] secret);

    /// <summary>Spends a reset token and sets the password; every login of the user ends.</summary>
    Task<bool> ResetPasswordAsync(byte[] secret, string passwordHash);

    /// <summary>Sets a new password (the current one was checked); every login of the user but <paramref name="keptSession"/> ends.</summary>
    Task ChangePasswordAsync(string passwordHash, Guid keptSession);

    /// <summary>Records for the profile whether two-factor sign-in is on (the two-factor grain decides).</summary>
    [Idempotent]
    Task SetMfaEnabledAsync(bool enabled);

    /// <summary>Starts a password login: refuses while the account is locked out, else hands out the hash to verify.</summary>
    Task<LogInAttempt> BeginLogInAsync();

    /// <summary>
    /// Records the outcome of a password check, counting failures toward a lockout. A successful check may
    /// bring <paramref name="upgradedHash"/>: the same password hashed with stronger parameters.
    /// </summary>
    Task<LogInResult> CompleteLogInAsync(bool passwordMatched, string? upgradedHash);
}
