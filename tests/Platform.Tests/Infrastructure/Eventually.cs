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
}
