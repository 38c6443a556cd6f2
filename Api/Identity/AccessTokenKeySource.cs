using System.Security.Cryptography;
using Grains.Interfaces.Identity;
using Microsoft.Extensions.Options;

namespace Api.Identity;

/// <summary>
/// The node's key ring: the first generation from configuration when given, otherwise the one generated once for the
/// whole service and kept in grain storage, followed by every rotation stored there. Loaded on first use (a failed
/// load — cluster not reachable yet — is retried on next use) and read again by <see cref="RefreshAsync"/>: on a
/// timer (<see cref="AccessTokenKeyRefresher"/>), for JWKS, and when a token names a key the node does not know yet.
/// </summary>
public sealed partial class AccessTokenKeySource(IOptions<AuthOptions> options, IGrainFactory grains, TimeProvider clock, ILogger<AccessTokenKeySource> logger)
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _reading = new(1, 1);
    private Task<AccessTokenKeyRing>? _loading;

    /// <summary>The ring once <see cref="GetAsync"/> has completed; the synchronous token-validation callbacks read this.</summary>
    public AccessTokenKeyRing? Loaded { get; private set; }

    private ITokenKeysGrain Stored => grains.GetGrain<ITokenKeysGrain>(ITokenKeysGrain.DefaultKey);

    public Task<AccessTokenKeyRing> GetAsync()
    {
        if (Loaded is { } ring)
            return Task.FromResult(ring);
        lock (_gate)
        {
            if (_loading is null || _loading.IsFaulted || _loading.IsCanceled)
                _loading = RefreshAsync();
            return _loading;
        }
    }

    /// <summary>Reads the ring again, unless the one loaded is younger than <paramref name="ifOlderThan"/>.</summary>
    public async Task<AccessTokenKeyRing> RefreshAsync(TimeSpan? ifOlderThan = null)
    {
        if (IsFresh(ifOlderThan) is { } fresh)
            return fresh;
        await _reading.WaitAsync();
        try
        {
            // Another caller may have read it while this one waited.
            if (IsFresh(ifOlderThan) is { } justRead)
                return justRead;
            var ring = await ReadAsync();
            if (Loaded is null || Loaded.Generations.Count != ring.Generations.Count)
                LogKeysLoaded(ring.Generations.Count, ring.SigningAt(clock.GetUtcNow()).PublicKey.Kid);
            return Loaded = ring;
        }
        finally
        {
            _reading.Release();
        }
    }

    /// <summary>Stores a new generation that is published at once and signs after <see cref="AuthOptions.KeyAnnouncePeriod"/>.</summary>
    public async Task<AccessTokenKeys> RotateAsync()
    {
        await GetAsync();
        var next = await Stored.RotateAsync(options.Value.KeyAnnouncePeriod);
        var ring = await RefreshAsync();
        return ring.Generations.Single(g => g.SignsFrom == next.SignsFrom && g.EncryptionKey.AsSpan().SequenceEqual(next.EncryptionKey));
    }

    private AccessTokenKeyRing? IsFresh(TimeSpan? ifOlderThan) =>
        Loaded is { } ring && ifOlderThan is { } age && clock.GetUtcNow() - ring.LoadedAt < age ? ring : null;

    private async Task<AccessTokenKeyRing> ReadAsync()
    {
        var auth = options.Value;
        var signingSecret = auth.SigningKeyFile is { } signingFile ? (await File.ReadAllTextAsync(signingFile)).Trim() : auth.SecretKey;
        var encryptionSecret = auth.EncryptionKeyFile is { } encryptionFile ? (await File.ReadAllTextAsync(encryptionFile)).Trim() : auth.JweSecretKey;
        var configured = signingSecret is not null && encryptionSecret is not null;
        var stored = configured ? await Stored.GetGenerationsAsync() : await Stored.GetOrCreateAsync();

        var generations = new List<AccessTokenKeys>();
        if (configured)
        {
            generations.Add(new AccessTokenKeys(TokenKeyDerivation.SigningKey(signingSecret!), TokenKeyDerivation.EncryptionKey(encryptionSecret!), DateTimeOffset.MinValue));
            // A first generation generated before keys were configured is what the configured ones replace.
            stored = [.. stored.Where(g => g.SignsFrom != DateTimeOffset.MinValue)];
        }
        foreach (var generation in stored)
        {
            var first = generation.SignsFrom == DateTimeOffset.MinValue;
            generations.Add(new AccessTokenKeys(
                first && signingSecret is not null ? TokenKeyDerivation.SigningKey(signingSecret) : ImportPkcs8(generation.SigningKeyPkcs8),
                first && encryptionSecret is not null ? TokenKeyDerivation.EncryptionKey(encryptionSecret) : generation.EncryptionKey,
                generation.SignsFrom));
        }
        return new AccessTokenKeyRing(generations, clock.GetUtcNow());
    }

    private static ECDsa ImportPkcs8(byte[] pkcs8)
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        return key;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Access-token keys loaded: {Generations} generation(s), signing with {KeyId}")]
    private partial void LogKeysLoaded(int generations, string keyId);
}
