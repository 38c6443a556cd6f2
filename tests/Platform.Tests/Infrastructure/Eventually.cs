namespace Platform.Tests.Infrastructure;

/// <summary>Waits on a condition with a deadline: the tests' only way to wait.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last;
        Exception? lastError = null;
        while (true)
        {
            try
            {
                last = await probe();
                if (done(last)) return last;
            }
            catch (Exception e) when (DateTime.UtcNow < deadline)
            {
                lastError = e;
            }
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"Timed out after {timeout} waiting for {what}.", lastError);
            await Task.Delay(50);
        }
    }

    public static Task Until(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        Until(condition, ok => ok, timeout, what);

    /// <summary>Fails the test with <paramref name="describe"/>'s words when the condition does not hold in time.</summary>
    public static async Task True(Func<Task<bool>> condition, TimeSpan within, Func<string> describe)
    {
        try
        {
            await Until(condition, within, "a condition");
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Not reached within {within}: {describe()}");
        }
    }

    public static Task True(Func<bool> condition, TimeSpan within, Func<string> describe) =>
        True(() => Task.FromResult(condition()), within, describe);
}
