namespace Grains.Interfaces.Identity;

[GenerateSerializer, Alias("ExternalSignInOutcome")]
public enum ExternalSignInOutcome
{
    /// <summary>The provider account was linked before: its user signs in.</summary>
    Returning,
    /// <summary>First sign-in with this provider account; its verified email matched an account, which it now links to.</summary>
    Linked,
    /// <summary>First sign-in with this provider account and no account to link to: a new user without a password.</summary>
    Created,
    /// <summary>The provider shared no usable email address; nothing was created.</summary>
    EmailMissing,
}
