namespace Platform.Tests.Identity;

/// <summary>The Api with access-token keys from the seed's settings, so tests can make and open tokens themselves.</summary>
public sealed class IdentityApiFactory() : ApiFactory(Settings())
{
    public const string SecretKey = "test-signing-secret-0123456789abcdef";
    public const string JweSecretKey = "test-encryption-secret-0123456789abcdef";

    internal static Dictionary<string, string?> Settings(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["SECRET_KEY"] = SecretKey, ["JWE_SECRET_KEY"] = JweSecretKey };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            settings[key] = value;
        return settings;
    }
}
