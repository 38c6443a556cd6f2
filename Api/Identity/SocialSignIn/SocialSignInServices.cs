using Microsoft.Extensions.Options;

namespace Api.Identity.SocialSignIn;

/// <summary>What the social sign-in endpoints need besides <see cref="IdentityServices"/>, bound with <c>[AsParameters]</c>; no property name may repeat one of those.</summary>
public sealed class SocialSignInServices(
    ExternalProviderRegistry providers, SocialSignInFlow flow, IOptions<SocialSignInOptions> settings, ILogger<SocialSignInFlow> logger)
{
    public ExternalProviderRegistry Providers { get; } = providers;

    public SocialSignInFlow Flow { get; } = flow;

    public IOptions<SocialSignInOptions> Settings { get; } = settings;

    public ILogger<SocialSignInFlow> Logger { get; } = logger;
}
