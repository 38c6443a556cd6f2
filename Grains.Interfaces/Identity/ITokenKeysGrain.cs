namespace Grains.Interfaces.Identity;

/// <summary>
/// Keeps generated access-token keys in grain storage so every Api node and every restart uses the same ones, and
/// their rotations. Use key <see cref="DefaultKey"/>.
/// </summary>
public interface ITokenKeysGrain : IGrainWithStringKey
{
    public const string DefaultKey = "access-tokens";

    /// <summary>The stored generations, oldest first; none when keys are configured and were never rotated.</summary>
    [Idempotent]
    Task<TokenKeyGeneration[]> GetGenerationsAsync();

    /// <summary>As <see cref="GetGenerationsAsync"/>, generating a first generation (signing at once) when there is none.</summary>
    [Idempotent]
    Task<TokenKeyGeneration[]> GetOrCreateAsync();

    /// <summary>Adds a generation that starts signing after <paramref name="announcePeriod"/>.</summary>
    Task<TokenKeyGeneration> RotateAsync(TimeSpan announcePeriod);
}
