using System.Security.Cryptography;
using Grains.Interfaces.Identity;

namespace Grains.Identity;

internal sealed partial class TokenKeysGrain(
    [PersistentState("keys", StorageNames.Platform)] IPersistentState<TokenKeysState> keys,
    ILogger<TokenKeysGrain> logger) : Grain, ITokenKeysGrain
{
    private const int EncryptionKeyBytes = 32;

    public async Task<TokenKeyMaterial> GetOrCreateAsync()
    {
        if (keys.State.Keys is { } existing)
            return existing;

        using var signing = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        keys.State.Keys = new TokenKeyMaterial(signing.ExportPkcs8PrivateKey(), RandomNumberGenerator.GetBytes(EncryptionKeyBytes));
        await keys.WriteStateAsync();
        LogGenerated();
        return keys.State.Keys;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No access-token keys configured (SECRET_KEY, JWE_SECRET_KEY): generated a pair and stored it in grain storage")]
    private partial void LogGenerated();
}
