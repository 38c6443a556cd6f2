namespace Grains.Interfaces.Identity;

/// <summary>
/// The entry point for signup, login, social sign-in and refresh. A stateless worker (use key 0): it validates input and
/// does the expensive password hashing, so hashing spreads over silos and is bounded per silo.
/// </summary>
public interface IAccountsGrain : IGrainWithIntegerKey
{
    Task<SignUpResult> SignUpAsync(SignUpCommand command);

    Task<LogInResult> LogInAsync(string email, string password);

    /// <summary>Signs in a user a provider vouched for: the linked one, one linked now by verified email, or a new one.</summary>
    Task<ExternalSignInResult> SignInWithProviderAsync(ExternalIdentity identity);

    /// <summary>Spends <paramref name="refreshToken"/> and issues its successor.</summary>
    Task<RefreshResult> RefreshAsync(string refreshToken);
}
