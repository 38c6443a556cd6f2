namespace Grains.Identity.Erasure;

[GenerateSerializer, Alias("PendingErasuresState")]
public sealed class PendingErasuresState
{
    [Id(0)] public List<Guid> UserIds { get; set; } = [];
}
