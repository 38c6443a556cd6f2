namespace Grains.Identity;

[GenerateSerializer, Alias("ExternalLoginState")]
public sealed class ExternalLoginState
{
    [Id(0)] public Guid? UserId { get; set; }
}
