using Api.Identity.SocialSignIn;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Api.Identity;

public static class IdentityExtensions
{
    /// <summary>Token keys and issuing, JwtBearer validation (the default scheme, <see cref="JwtBearerDefaults.AuthenticationScheme"/>), authorization, the auth rate limits and social sign-in.</summary>
    public static WebApplicationBuilder AddIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.SectionName)
            .Configure<IConfiguration>((o, configuration) =>
            {
                o.SecretKey = NullIfEmpty(o.SecretKey) ?? NullIfEmpty(configuration["SECRET_KEY"]);
                o.JweSecretKey = NullIfEmpty(o.JweSecretKey) ?? NullIfEmpty(configuration["JWE_SECRET_KEY"]);
            })
            .ValidateOnStart();
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

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
