namespace Grains.Interfaces.Identity;

/// <summary>
/// One provider account (key: <see cref="KeyFor"/>) and the user it belongs to. Calls to one grain run one at a
/// time, so concurrent first sign-ins of one provider account resolve to one user.
/// </summary>
public interface IExternalLoginGrain : IGrainWithStringKey
{
    static string KeyFor(string provider, string subject) => $"{provider}:{subject}";

    /// <summary>Finds the linked user, or links by verified email, or creates a user without a password.</summary>
    Task<ExternalLink> ResolveAsync(ExternalIdentity identity);

    /// <summary>Unlinks the provider account from <paramref name="userId"/>, whose account is being erased.</summary>
    [Idempotent]
    Task ForgetAsync(Guid userId);
}
