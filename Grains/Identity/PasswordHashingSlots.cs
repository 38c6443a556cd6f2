namespace Grains.Identity;

/// <summary>
/// Lets one Argon2 computation per CPU core run at a time in this process. Each holds a core and 19 MiB for
/// tens of milliseconds: more at once would only share the cores and multiply the memory, while waiting here
/// costs no thread.
/// </summary>
internal static class PasswordHashingSlots
{
    private static readonly SemaphoreSlim Slots = new(Environment.ProcessorCount);

    public static async Task<T> RunAsync<T>(Func<T> hashing)
    {
        await Slots.WaitAsync();
        try
        {
            return hashing();
        }
        finally
        {
            Slots.Release();
        }
    }
}
