namespace Platform.Tests.SocialSignIn;

/// <summary>An account at the test provider; the sign-in form's login is its key in the provider's user list.</summary>
public sealed record OidcUser(string Email, bool EmailVerified, string Name)
{
    public Dictionary<string, object> ToJson() => new() { ["email"] = Email, ["email_verified"] = EmailVerified, ["name"] = Name };
}
