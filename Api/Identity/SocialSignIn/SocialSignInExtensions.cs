using Microsoft.Extensions.Options;
using Silo.Hosting;

namespace Api.Identity.SocialSignIn;

public static class SocialSignInExtensions
{
    /// <summary>The HttpClient for every call to a provider; its timeout is <see cref="SocialSignInOptions.ProviderTimeout"/>.</summary>
    public const string HttpClientName = "SocialSignIn";

    internal static IServiceCollection AddSocialSignIn(this IServiceCollection services)
    {
        services.AddSettings<SocialSignInOptions>(AuthOptions.SectionName);
        services.AddSingleton<IPostConfigureOptions<SocialSignInOptions>, GooglePreset>();
        services.AddSingleton<IValidateOptions<SocialSignInOptions>, SocialSignInOptionsValidator>();
        services.AddHttpClient(HttpClientName).ConfigureHttpClient((provider, client) =>
            client.Timeout = provider.GetRequiredService<IOptions<SocialSignInOptions>>().Value.ProviderTimeout);
        services.AddSingleton<ExternalProviderRegistry>();
        services.AddSingleton<SocialSignInFlow>();
        return services;
    }
}
