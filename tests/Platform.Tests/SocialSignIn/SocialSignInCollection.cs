namespace Platform.Tests.SocialSignIn;

/// <summary>The social sign-in test classes share one set of provider processes.</summary>
[CollectionDefinition(Name)]
public sealed class SocialSignInCollection : ICollectionFixture<SocialSignInFixture>
{
    public const string Name = "SocialSignIn";
}
