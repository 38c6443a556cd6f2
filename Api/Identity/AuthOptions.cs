namespace Api.Identity;

/// <summary>The "Auth" configuration section (the seed's <c>SECRET_KEY</c> and <c>JWE_SECRET_KEY</c> fill the secrets when the section leaves them out).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Tolerance for clocks of different nodes when checking <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    public string Issuer { get; set; } = "platform";

    public string Audience { get; set; } = "platform";

    /// <summary>Signs access tokens: a PEM P-256 private key, or any secret string to derive one from. Defaults to <c>SECRET_KEY</c>.</summary>
    public string? SecretKey { get; set; }

    /// <summary>Encrypts access tokens: a secret string the 256-bit key-wrapping key is derived from. Defaults to <c>JWE_SECRET_KEY</c>.</summary>
    public string? JweSecretKey { get; set; }

    /// <summary>A file holding what <see cref="SecretKey"/> would (typically a PEM private key); wins over it.</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>A file holding what <see cref="JweSecretKey"/> would; wins over it.</summary>
    public string? EncryptionKeyFile { get; set; }

    /// <summary>
    /// Where users reach this service, for the links in account mails (<c>https://example.com</c>); by default the
    /// address this node listens on. Set it behind a proxy or load balancer.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// How long a rotated key generation is published before it signs: every node and every client that caches JWKS
    /// must have read it by then. Retired generations stay published until the tokens they signed have expired.
    /// </summary>
    public TimeSpan KeyAnnouncePeriod { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a retired key generation stays published: until the last token it signed has expired everywhere.</summary>
    public TimeSpan PublishedAfterRetirement => AccessTokenLifetime + ClockSkew;

    /// <summary>How often each node reads the key ring again, to learn of rotations made through other nodes.</summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    public AuthRateLimitOptions RateLimits { get; set; } = new();
}
