namespace Grains.Content;

internal static class PersistentStateExtensions
{
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
