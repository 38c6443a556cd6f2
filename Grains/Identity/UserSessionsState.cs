namespace Grains.Identity;

[GenerateSerializer, Alias("UserSessionsState")]
public sealed class UserSessionsState
{
    /// <summary>Logins started for the user, oldest first; ended ones are pruned as new ones start.</summary>
    [Id(0)] public List<Guid> Sessions { get; set; } = [];
}
