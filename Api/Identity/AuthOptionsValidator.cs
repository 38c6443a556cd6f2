using Microsoft.Extensions.Options;

namespace Api.Identity;

/// <summary>Lists every unusable Auth setting at startup, each with the key to fix.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public const int MinSecretLength = 16;

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (options.AccessTokenLifetime <= TimeSpan.Zero)
            failures.Add("Auth:AccessTokenLifetime must be positive.");
        if (options.ClockSkew < TimeSpan.Zero)
            failures.Add("Auth:ClockSkew must not be negative.");
        if (string.IsNullOrWhiteSpace(options.Issuer) || string.IsNullOrWhiteSpace(options.Audience))
            failures.Add("Auth:Issuer and Auth:Audience must not be empty.");
        if (options.SigningKeyFile is null && options.SecretKey is { Length: < MinSecretLength })
            failures.Add($"SECRET_KEY (or Auth:SecretKey) must have at least {MinSecretLength} characters; use 32 or more random ones.");
        if (options.EncryptionKeyFile is null && options.JweSecretKey is { Length: < MinSecretLength })
            failures.Add($"JWE_SECRET_KEY (or Auth:JweSecretKey) must have at least {MinSecretLength} characters; use 32 or more random ones.");
        foreach (var (key, file) in new[] { ("Auth:SigningKeyFile", options.SigningKeyFile), ("Auth:EncryptionKeyFile", options.EncryptionKeyFile) })
        {
            if (file is not null && !File.Exists(file))
                failures.Add($"{key} names '{file}', which does not exist.");
        }

        if (options.KeyRefreshInterval <= TimeSpan.Zero)
            failures.Add("Auth:KeyRefreshInterval must be positive.");
        if (options.KeyAnnouncePeriod < 2 * options.KeyRefreshInterval)
            failures.Add("Auth:KeyAnnouncePeriod must be at least twice Auth:KeyRefreshInterval, so every node knows a new key before it signs.");
        if (options.PublicBaseUrl is { } publicBase && (!publicBase.IsAbsoluteUri || publicBase.Scheme is not ("http" or "https")))
            failures.Add($"Auth:PublicBaseUrl must be an absolute http or https URL ('{publicBase}' is not).");

        var limits = options.RateLimits;
        if (limits.LogInPermitLimit < 1 || limits.SignUpPermitLimit < 1)
            failures.Add("Auth:RateLimits:LogInPermitLimit and SignUpPermitLimit must be at least 1.");
        if (limits.LogInWindow <= TimeSpan.Zero || limits.SignUpWindow <= TimeSpan.Zero)
            failures.Add("Auth:RateLimits:LogInWindow and SignUpWindow must be positive.");
        if (limits.MailPermitLimit < 1 || limits.MailWindow <= TimeSpan.Zero)
            failures.Add("Auth:RateLimits:MailPermitLimit must be at least 1 and MailWindow positive.");

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
