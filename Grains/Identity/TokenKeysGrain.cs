using System.Security.Cryptography;
using Grains.Interfaces.Identity;

namespace Grains.Identity;

internal sealed partial class TokenKeysGrain(
    [PersistentState("keys", StorageNames.Platform)] IPersistentState<TokenKeysState> keys,
    TimeProvider clock,
    ILogger<TokenKeysGrain> logger) : Grain, ITokenKeysGrain
{
    private const int EncryptionKeyBytes = 32;

    /// <summary>
    /// Generations whose successor has signed for this long are dropped: far longer than any access token lives, so
    /// no token they made is still valid.
    /// </summary>
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private List<TokenKeyGeneration> Generations
    {
        get
        {
            if (keys.State is { Keys: { } legacy, Generations.Count: 0 })
                keys.State.Generations.Add(new TokenKeyGeneration(legacy.SigningKeyPkcs8, legacy.EncryptionKey, DateTimeOffset.MinValue));
            return keys.State.Generations;
        }
    }

    public Task<TokenKeyGeneration[]> GetGenerationsAsync() => Task.FromResult(Generations.ToArray());

    public async Task<TokenKeyGeneration[]> GetOrCreateAsync()
    {
        if (Generations.Count > 0)
            return [.. Generations];

        Generations.Add(Generate(DateTimeOffset.MinValue));
        await WriteAsync();
        LogGenerated();
        return [.. Generations];
    }

    public async Task<TokenKeyGeneration> RotateAsync(TimeSpan announcePeriod)
    {
        var now = clock.GetUtcNow();
        var next = Generate(now + announcePeriod);
        Generations.Add(next);
        // Keep the newest generation that signs by now and everything after it, plus what retired within the retention.
        while (Generations.Count > 1 && Generations[1].SignsFrom < now - Retention)
            Generations.RemoveAt(0);
        await WriteAsync();
        LogRotated(next.SignsFrom);
        return next;
    }

    private Task WriteAsync()
    {
        keys.State.Keys = null;
        return keys.WriteStateAsync();
    }

    private static TokenKeyGeneration Generate(DateTimeOffset signsFrom)
    {
        using var signing = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new TokenKeyGeneration(signing.ExportPkcs8PrivateKey(), RandomNumberGenerator.GetBytes(EncryptionKeyBytes), signsFrom);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No access-token keys configured (SECRET_KEY, JWE_SECRET_KEY): generated a pair and stored it in grain storage")]
    private partial void LogGenerated();

    [LoggerMessage(Level = LogLevel.Information, Message = "Access-token keys rotated: the new generation is published now and signs from {SignsFrom}")]
    private partial void LogRotated(DateTimeOffset signsFrom);
}
