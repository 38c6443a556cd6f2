namespace Grains.Identity;

/// <summary>
/// Lets one Argon2 computation per CPU core run at a time in this process. Each holds a core and 19 MiB for
/// tens of milliseconds: more at once would only share the cores and multiply the memory, while waiting here
/// costs no thread.
/// </summary>
internal static class PasswordHashingSlots
{
    private static readonly SemaphoreSlim Slots = new(Environment.ProcessorCount);

    public static Task RunAsync(Action hashing) => RunAsync(() =>
    {
        hashing();
        return true;
    });

    public static async Task<T> RunAsync<T>(Func<T> hashing)
    {
        await Slots.WaitAsync();
        try
        {
            // Konscious runs its rounds as thread-pool tasks and blocks the calling thread until they finish:
            // called from a pool thread, each hash would take one from the pool for its whole duration, and
            // under load the pool would starve until it injected more threads. A thread of its own costs
            // microseconds against the hash's tens of milliseconds.
            return await Task.Factory.StartNew(hashing, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        finally
        {
            Slots.Release();
        }
    }
}
