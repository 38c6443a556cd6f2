namespace Platform.Tests.Infrastructure;

/// <summary>
/// Waits on a condition with a deadline: the tests' only way to wait. Every form fails the same way, as a failed
/// assertion that says what was awaited, for how long, and the last error the probe threw.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(50);

    public static Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what) =>
        Poll(probe, done, timeout, () => what);

    public static Task Until(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        Poll(condition, ok => ok, timeout, () => what);

    /// <summary>As <see cref="Until(Func{Task{bool}}, TimeSpan, string)"/>, with a description made when it fails (to show the state reached).</summary>
    public static Task True(Func<Task<bool>> condition, TimeSpan within, Func<string> describe) =>
        Poll(condition, ok => ok, within, describe);

    public static Task True(Func<bool> condition, TimeSpan within, Func<string> describe) =>
        True(() => Task.FromResult(condition()), within, describe);

    private static async Task<T> Poll<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? lastError = null;
        while (true)
        {
            try
            {
                var last = await probe();
                if (done(last)) return last;
                lastError = null;
            }
            catch (Exception e) when (DateTime.UtcNow < deadline)
            {
                lastError = e;
            }
            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail($"Not reached within {timeout}: {describe()}"
                    + (lastError is null ? "" : $" (last error: {lastError.GetType().Name}: {lastError.Message})"));
            }
            await Task.Delay(PollEvery);
        }
    }
}
