using Grains.Interfaces.Identity;
using Microsoft.Extensions.Options;

namespace Grains.Identity;

/// <summary>
/// Holds a started social sign-in in memory only: a flow lost with its silo just makes the user start again, it
/// can never be finished twice, and nothing is left behind in storage.
/// </summary>
internal sealed class SignInFlowGrain(IOptions<IdentitySettings> settings, TimeProvider clock) : Grain, ISignInFlowGrain
{
    private readonly TimeSpan _lifetime = settings.Value.SignInFlowLifetime;
    private PendingSignIn? _flow;
    private DateTimeOffset _expiresAt;

    public Task StartAsync(PendingSignIn flow)
    {
        if (_flow is not null)
            throw new InvalidOperationException("This sign-in flow has already started.");
        (_flow, _expiresAt) = (flow, clock.GetUtcNow() + _lifetime);
        // An idle activation would otherwise be collected after the silo's collection age, which may be shorter.
        DelayDeactivation(_lifetime);
        return Task.CompletedTask;
    }

    public Task<PendingSignIn?> TakeAsync()
    {
        var flow = clock.GetUtcNow() < _expiresAt ? _flow : null;
        _flow = null;
        // The next call with this state finds a fresh activation that knows nothing.
        DeactivateOnIdle();
        return Task.FromResult(flow);
    }
}
