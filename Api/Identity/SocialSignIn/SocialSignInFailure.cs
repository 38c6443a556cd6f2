namespace Api.Identity.SocialSignIn;

public enum SocialSignInFailure
{
    /// <summary>The provider answered with an OAuth error code (400, with the code).</summary>
    ProviderError,
    /// <summary>The provider could not be reached, timed out, or answered with a server error or nonsense (502).</summary>
    ProviderUnavailable,
    /// <summary>The id_token or UserInfo failed validation: signature, issuer, audience, expiry, nonce or subject (400).</summary>
    InvalidIdentity,
}
