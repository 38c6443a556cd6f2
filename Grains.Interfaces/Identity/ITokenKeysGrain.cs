namespace Grains.Interfaces.Identity;

/// <summary>Keeps the generated access-token keys in grain storage so every Api node and every restart uses the same ones. Use key <see cref="DefaultKey"/>.</summary>
public interface ITokenKeysGrain : IGrainWithStringKey
{
    public const string DefaultKey = "access-tokens";

    [Idempotent]
    Task<TokenKeyMaterial> GetOrCreateAsync();
}
