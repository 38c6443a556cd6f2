using System.Security.Cryptography;
using System.Text.Json;
using Api.Identity;

namespace Platform.Tests.Identity;

/// <summary>Where access-token keys come from: seed-style secret strings, PEM key files.</summary>
public sealed class KeyConfigurationTests
{
    [Fact]
    public void A_secret_string_always_derives_the_same_keys_and_another_string_others()
    {
        Assert.Equal(KeyId(TokenKeyDerivation.SigningKey("one secret string, long enough")), KeyId(TokenKeyDerivation.SigningKey("one secret string, long enough")));
        Assert.NotEqual(KeyId(TokenKeyDerivation.SigningKey("one secret string, long enough")), KeyId(TokenKeyDerivation.SigningKey("another secret string, as long")));
        Assert.Equal(TokenKeyDerivation.EncryptionKey("one secret string, long enough"), TokenKeyDerivation.EncryptionKey("one secret string, long enough"));
        Assert.Equal(32, TokenKeyDerivation.EncryptionKey("one secret string, long enough").Length);
    }

    [Fact]
    public async Task Key_files_are_used_when_configured()
    {
        using var folder = new TempDirectory();
        using var signing = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signingFile = Path.Combine(folder.Path, "signing.pem");
        var encryptionFile = Path.Combine(folder.Path, "encryption.key");
        await File.WriteAllTextAsync(signingFile, signing.ExportPkcs8PrivateKeyPem());
        await File.WriteAllTextAsync(encryptionFile, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n");

        using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["Auth:SigningKeyFile"] = signingFile,
            ["Auth:EncryptionKeyFile"] = encryptionFile,
        });
        var client = api.CreateClient();
        var jwks = await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json");
        Assert.Equal(KeyId(signing), jwks.GetProperty("keys")[0].GetProperty("kid").GetString());

        var user = await TestUsers.SignUpAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient(user.AccessToken).GetAsync("/auth/me")).StatusCode);
    }

    [Fact]
    public void A_short_secret_is_refused_at_startup()
    {
        using var api = new ApiFactory(new Dictionary<string, string?> { ["SECRET_KEY"] = "too-short" });
        var error = Assert.ThrowsAny<Exception>(() => api.CreateClient());
        Assert.Contains("SECRET_KEY", error.ToString());
    }

    private static string KeyId(ECDsa key) => PublicJsonWebKey.From(key).Kid;
}
