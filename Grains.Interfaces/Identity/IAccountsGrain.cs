namespace Grains.Interfaces.Identity;

/// <summary>
/// The entry point for signup, login, social sign-in, refresh and passwords. A stateless worker (use key 0): it
/// validates input and does the expensive password hashing, so hashing spreads over silos and is bounded per silo.
/// </summary>
public interface IAccountsGrain : IGrainWithIntegerKey
{
    /// <summary>How recent a sign-in must be to erase an account that has no password to confirm with.</summary>
    static readonly TimeSpan RecentSignIn = TimeSpan.FromMinutes(5);

    Task<SignUpResult> SignUpAsync(SignUpCommand command, ClientInfo client);

    Task<LogInResult> LogInAsync(string email, string password, ClientInfo client);

    /// <summary>Finishes a login that asked for a second factor, with a TOTP code or an unused recovery code.</summary>
    Task<LogInResult> LogInWithSecondFactorAsync(string mfaToken, string code, ClientInfo client);

    /// <summary>Turns two-factor sign-in off after checking the password (counting a wrong one toward the lockout).</summary>
    Task<LogInResult> DisableTwoFactorAsync(Guid userId, string password);

    /// <summary>
    /// Erases the account after checking the password — or, for an account without one, that the login
    /// <paramref name="sessionId"/> signed in within the last five minutes.
    /// </summary>
    Task<ErasureResult> EraseAccountAsync(Guid userId, Guid sessionId, string? password);

    /// <summary>Signs in a user a provider vouched for: the linked one, one linked now by verified email, or a new one.</summary>
    Task<ExternalSignInResult> SignInWithProviderAsync(ExternalIdentity identity, ClientInfo client);

    /// <summary>Spends <paramref name="refreshToken"/> and issues its successor.</summary>
    Task<RefreshResult> RefreshAsync(string refreshToken, ClientInfo client);

    /// <summary>Spends a token from a verification mail; false when it is malformed, expired, spent or not the latest.</summary>
    Task<bool> VerifyEmailAsync(string token);

    /// <summary>A reset token to mail to the account registered with <paramref name="email"/>; null when there is none.</summary>
    Task<MailToken?> IssuePasswordResetAsync(string email);

    /// <summary>Sets a new password with a token from a reset mail; every login of the user ends.</summary>
    Task<PasswordChangeResult> ResetPasswordAsync(string token, string? newPassword);

    /// <summary>Sets a new password after checking the current one; every login of the user but <paramref name="sessionId"/> ends.</summary>
    Task<PasswordChangeResult> ChangePasswordAsync(Guid userId, Guid sessionId, string currentPassword, string? newPassword);
}
