namespace Grains.Identity;

[GenerateSerializer, Alias("EmailIndexState")]
public sealed class EmailIndexState
{
    [Id(0)] public Guid? UserId { get; set; }
}
