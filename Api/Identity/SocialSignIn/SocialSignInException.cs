namespace Api.Identity.SocialSignIn;

/// <summary>A sign-in the provider's side made fail; the endpoint turns it into a problem answer.</summary>
public sealed class SocialSignInException : Exception
{
    public SocialSignInException(SocialSignInFailure failure, string message, string? providerError = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        ProviderError = providerError;
    }

    public SocialSignInFailure Failure { get; }

    /// <summary>The provider's OAuth <c>error</c> code, for <see cref="SocialSignInFailure.ProviderError"/>.</summary>
    public string? ProviderError { get; }
}
