namespace Grains.Interfaces.Identity;

/// <summary>
/// One started social sign-in, keyed by its <c>state</c> value, so whichever Api node receives the callback can
/// finish it. It can be taken once, and only until it expires.
/// </summary>
public interface ISignInFlowGrain : IGrainWithStringKey
{
    Task StartAsync(PendingSignIn flow);

    /// <summary>The flow, once; null when it is unknown, expired or already taken.</summary>
    Task<PendingSignIn?> TakeAsync();
}
