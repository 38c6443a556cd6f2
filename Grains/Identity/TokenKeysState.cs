using Grains.Interfaces.Identity;
namespace Grains.Identity;

[GenerateSerializer, Alias("TokenKeysState")]
public sealed class TokenKeysState
{
    [Id(0)] public TokenKeyMaterial? Keys { get; set; }
}
