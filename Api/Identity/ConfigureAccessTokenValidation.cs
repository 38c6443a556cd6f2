using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Api.Identity;

/// <summary>Points the JwtBearer handler at our keys and rules: nested ES256-in-A256KW tokens, claim names kept as in the token.</summary>
internal sealed class ConfigureAccessTokenValidation(
    AccessTokenKeySource keys, IOptions<AuthOptions> auth, ValidatedTokenCache handler, TimeProvider clock)
    : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name == JwtBearerDefaults.AuthenticationScheme)
            Configure(options);
    }

    public void Configure(JwtBearerOptions options)
    {
        var settings = auth.Value;
        options.MapInboundClaims = false;
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(handler);
        options.EventsType = typeof(AccessTokenEvents);
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            // IdentityModel checks the JWE "alg" and "enc" against this list too: nothing but our three passes.
            ValidAlgorithms = [AccessTokenAlgorithms.Signature, AccessTokenAlgorithms.KeyManagement, AccessTokenAlgorithms.ContentEncryption],
            ClockSkew = settings.ClockSkew,
            // The platform's clock, not IdentityModel's own reading of the system time, decides expiry.
            LifetimeValidator = (notBefore, expires, _, parameters) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                return expires is { } end && end > now - parameters.ClockSkew && !(notBefore > now + parameters.ClockSkew);
            },
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            NameClaimType = AccessTokenClaims.Email,
            IssuerSigningKeyResolver = (_, _, _, _) => keys.Loaded?.ValidationKeys(clock.GetUtcNow(), settings.PublishedAfterRetirement) ?? [],
            TokenDecryptionKeyResolver = (_, _, _, _) => keys.Loaded?.DecryptionKeys(clock.GetUtcNow(), settings.PublishedAfterRetirement) ?? [],
        };
    }
}
