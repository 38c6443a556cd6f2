using Grains.Interfaces.Identity;

namespace Grains.Identity.Erasure;

internal sealed partial class PendingErasuresGrain(
    [PersistentState("pending-erasures", StorageNames.Platform)] IPersistentState<PendingErasuresState> pending,
    ILogger<PendingErasuresGrain> logger) : Grain, IPendingErasuresGrain
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromMinutes(1);
    // What is pending when the grain wakes was interrupted by a crash: no request is finishing it.
    private static readonly TimeSpan ResumeAfter = TimeSpan.FromSeconds(2);
    private IGrainTimer? _retries;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ScheduleRetries(ResumeAfter);
        return Task.CompletedTask;
    }

    public async Task AddAsync(Guid userId)
    {
        if (pending.State.UserIds.Contains(userId))
            return;
        pending.State.UserIds.Add(userId);
        await pending.WriteStateAsync();
        ScheduleRetries(RetryEvery);
    }

    public async Task RemoveAsync(Guid userId)
    {
        if (pending.State.UserIds.Remove(userId))
            await pending.WriteStateAsync();
    }

    public Task ResumeAsync() => Task.CompletedTask;

    private void ScheduleRetries(TimeSpan first)
    {
        if (_retries is not null || pending.State.UserIds.Count == 0)
            return;
        _retries = this.RegisterGrainTimer(RetryAsync, first, RetryEvery);
    }

    private async Task RetryAsync(CancellationToken cancellationToken)
    {
        foreach (var userId in pending.State.UserIds.ToList())
        {
            try
            {
                await GrainFactory.GetGrain<IAccountErasureGrain>(userId).EraseAsync();
                await RemoveAsync(userId);
            }
            catch (Exception e)
            {
                LogRetryFailed(e, userId);
            }
        }
        if (pending.State.UserIds.Count == 0)
        {
            _retries?.Dispose();
            _retries = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Erasing account {UserId} failed again; it is tried again in a minute")]
    private partial void LogRetryFailed(Exception exception, Guid userId);
}
