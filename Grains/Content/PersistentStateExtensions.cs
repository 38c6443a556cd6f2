using Orleans.Storage;

namespace Grains.Content;

internal static class PersistentStateExtensions
{
    /// <summary>
    /// Applies an idempotent change (<paramref name="apply"/> says whether it changed anything) and writes it.
    /// When another activation wrote in between (for a moment while silos hand grains over, a grain can have
    /// two), the storage's version wins: the state is read again and the change applied to it once more.
    /// </summary>
    public static async Task ApplyAndWriteAsync<T>(this IPersistentState<T> state, IGrainBase grain, Func<T, bool> apply)
    {
        if (!apply(state.State)) return;
        try
        {
            await state.WriteStateAsync();
            return;
        }
        catch (InconsistentStateException)
        {
            await state.ReadStateAsync();
        }
        if (apply(state.State))
            await state.WriteOrDeactivateAsync(grain);
    }

    /// <summary>
    /// Writes the state. When the write fails the activation goes away, so the next call reloads what
    /// storage holds instead of trusting a memory the write never reached.
    /// </summary>
    public static async Task WriteOrDeactivateAsync<T>(this IPersistentState<T> state, IGrainBase grain)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
