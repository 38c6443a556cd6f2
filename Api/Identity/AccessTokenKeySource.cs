using System.Security.Cryptography;
using Grains.Interfaces.Identity;
using Microsoft.Extensions.Options;

namespace Api.Identity;

/// <summary>
/// Loads the access-token keys once: from configuration when given, otherwise the pair generated once for the
/// whole service and kept in grain storage. A failed load (cluster not reachable yet) is retried on next use.
/// </summary>
public sealed partial class AccessTokenKeySource(IOptions<AuthOptions> options, IGrainFactory grains, ILogger<AccessTokenKeySource> logger)
{
    private readonly Lock _gate = new();
    private Task<AccessTokenKeys>? _loading;

    /// <summary>The keys once <see cref="GetAsync"/> has completed; the synchronous token-validation callbacks read this.</summary>
    public AccessTokenKeys? Loaded { get; private set; }

    public Task<AccessTokenKeys> GetAsync()
    {
        if (Loaded is { } keys)
            return Task.FromResult(keys);
        lock (_gate)
        {
            if (_loading is null || _loading.IsFaulted || _loading.IsCanceled)
                _loading = LoadAsync();
            return _loading;
        }
    }

    private async Task<AccessTokenKeys> LoadAsync()
    {
        var auth = options.Value;
        var signingSecret = auth.SigningKeyFile is { } signingFile ? (await File.ReadAllTextAsync(signingFile)).Trim() : auth.SecretKey;
        var encryptionSecret = auth.EncryptionKeyFile is { } encryptionFile ? (await File.ReadAllTextAsync(encryptionFile)).Trim() : auth.JweSecretKey;

        TokenKeyMaterial? generated = null;
        if (signingSecret is null || encryptionSecret is null)
            generated = await grains.GetGrain<ITokenKeysGrain>(ITokenKeysGrain.DefaultKey).GetOrCreateAsync();

        var signing = signingSecret is not null ? TokenKeyDerivation.SigningKey(signingSecret) : ImportPkcs8(generated!.SigningKeyPkcs8);
        var encryption = encryptionSecret is not null ? TokenKeyDerivation.EncryptionKey(encryptionSecret) : generated!.EncryptionKey;
        var keys = new AccessTokenKeys(signing, encryption);
        LogKeysLoaded(keys.PublicKey.Kid, signingSecret is null ? "grain storage" : "configuration", encryptionSecret is null ? "grain storage" : "configuration");
        return Loaded = keys;
    }

    private static ECDsa ImportPkcs8(byte[] pkcs8)
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        return key;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Access-token keys loaded: signing key {KeyId} from {SigningSource}, encryption key from {EncryptionSource}")]
    private partial void LogKeysLoaded(string keyId, string signingSource, string encryptionSource);
}
