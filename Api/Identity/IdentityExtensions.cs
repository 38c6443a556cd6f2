using Api.Identity.SocialSignIn;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Silo.Hosting;

namespace Api.Identity;

public static class IdentityExtensions
{
    /// <summary>Token keys and issuing, JwtBearer validation (the default scheme, <see cref="JwtBearerDefaults.AuthenticationScheme"/>), authorization, the auth rate limits and social sign-in.</summary>
    public static WebApplicationBuilder AddIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSettings<AuthOptions>(AuthOptions.SectionName)
            .Configure<IConfiguration>((o, configuration) =>
            {
                o.SecretKey = o.SecretKey.NullIfBlank() ?? configuration["SECRET_KEY"].NullIfBlank();
                o.JweSecretKey = o.JweSecretKey.NullIfBlank() ?? configuration["JWE_SECRET_KEY"].NullIfBlank();
            });
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();

        services.AddSingleton<AccessTokenKeySource>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<AccessTokenEvents>();
        services.AddSingleton<ValidatedTokenCache>();
        services.ConfigureOptions<ConfigureAccessTokenValidation>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddAuthorization();
        services.AddAuthRateLimits();
        services.AddSocialSignIn();
        return builder;
    }
}
