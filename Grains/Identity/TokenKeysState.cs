using Grains.Interfaces.Identity;
namespace Grains.Identity;

[GenerateSerializer, Alias("TokenKeysState")]
public sealed class TokenKeysState
{
    /// <summary>The single pair stored before keys rotated; read as the first generation, and replaced on the next write.</summary>
    [Id(0)] public TokenKeyMaterial? Keys { get; set; }
    [Id(1)] public List<TokenKeyGeneration> Generations { get; set; } = [];
}
