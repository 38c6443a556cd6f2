using Grains.Interfaces.Identity;
namespace Grains.Identity;

internal sealed class EmailIndexGrain(
    [PersistentState("email", StorageNames.Platform)] IPersistentState<EmailIndexState> index) : Grain, IEmailIndexGrain
{
    public Task<Guid?> GetUserIdAsync() => Task.FromResult(index.State.UserId);

    public async Task<bool> TryRegisterAsync(NewUser user)
    {
        if (index.State.UserId is not null)
            return false;

        index.State.UserId = user.Id;
        await index.WriteStateAsync();
        try
        {
            await GrainFactory.GetGrain<IUserGrain>(user.Id).CreateAsync(user);
        }
        catch
        {
            // Without its user the claim would block the email for good.
            index.State.UserId = null;
            await index.WriteStateAsync();
            throw;
        }
        return true;
    }

    public async Task ReleaseAsync(Guid userId)
    {
        if (index.State.UserId != userId)
            return;
        await index.ClearStateAsync();
    }
}
