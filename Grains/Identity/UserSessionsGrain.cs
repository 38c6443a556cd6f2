using Grains.Interfaces.Identity;

namespace Grains.Identity;

internal sealed partial class UserSessionsGrain(
    [PersistentState("sessions", StorageNames.Platform)] IPersistentState<UserSessionsState> sessions,
    ILogger<UserSessionsGrain> logger) : Grain, IUserSessionsGrain
{
    // Ended logins are only dropped from the list once it is this long, so a sign-in rarely asks every login of the user.
    private const int PruneAbove = 20;

    /// <summary>A user (or a script) signing in again and again ends its oldest logins instead of growing this grain forever.</summary>
    public const int MaxSessions = 100;

    private List<Guid> Sessions => sessions.State.Sessions;

    public async Task AddAsync(Guid sessionId)
    {
        if (Sessions.Contains(sessionId))
            return;
        Sessions.Add(sessionId);
        if (Sessions.Count > PruneAbove)
        {
            var active = (await InfoAsync(Sessions)).Where(s => s.Info is not null).Select(s => s.Id).ToHashSet();
            Sessions.RemoveAll(id => !active.Contains(id));
        }
        var surplus = Sessions.Take(Math.Max(0, Sessions.Count - MaxSessions)).ToList();
        if (surplus.Count > 0)
        {
            await Task.WhenAll(surplus.Select(id => Session(id).RevokeAsync()));
            Sessions.RemoveRange(0, surplus.Count);
            LogCapped(this.GetPrimaryKey(), surplus.Count);
        }
        await sessions.WriteStateAsync();
    }

    public async Task<SessionInfo[]> ListAsync() =>
        [.. (await InfoAsync(Sessions)).Select(s => s.Info).OfType<SessionInfo>().Where(s => s.UserId == this.GetPrimaryKey())];

    public async Task<bool> RevokeAsync(Guid sessionId)
    {
        if (!Sessions.Contains(sessionId))
            return false;
        await Session(sessionId).RevokeAsync();
        Sessions.Remove(sessionId);
        await sessions.WriteStateAsync();
        return true;
    }

    public async Task RevokeAllAsync(Guid? except = null)
    {
        var ending = Sessions.Where(id => id != except).ToList();
        if (ending.Count == 0)
            return;
        await Task.WhenAll(ending.Select(id => Session(id).RevokeAsync()));
        Sessions.RemoveAll(ending.Contains);
        await sessions.WriteStateAsync();
    }

    private ILoginSessionGrain Session(Guid id) => GrainFactory.GetGrain<ILoginSessionGrain>(id);

    private async Task<(Guid Id, SessionInfo? Info)[]> InfoAsync(IEnumerable<Guid> ids) =>
        await Task.WhenAll(ids.Select(async id => (id, await Session(id).GetInfoAsync())));

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} reached the login limit: its {Count} oldest logins were ended")]
    private partial void LogCapped(Guid userId, int count);
}
