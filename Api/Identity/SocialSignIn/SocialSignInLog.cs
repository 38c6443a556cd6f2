using Grains.Interfaces.Identity;

namespace Api.Identity.SocialSignIn;

internal static partial class SocialSignInLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Provider} sign-in of user {UserId}: {Outcome}")]
    public static partial void SignedIn(this ILogger logger, string provider, Guid userId, ExternalSignInOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Provider} sign-in failed ({Failure}, provider error {ProviderError})")]
    public static partial void SignInFailed(this ILogger logger, string provider, SocialSignInFailure failure, string? providerError, Exception exception);
}
