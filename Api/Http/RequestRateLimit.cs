namespace Api.Http;

/// <summary>
/// What one request counts against: a budget of <see cref="Permits"/> per <see cref="Period"/> for its
/// <see cref="Partition"/> (a client, a user, an event source). Two requests with equal limits share a budget; a
/// partition whose limit changes (a source's new <c>rate_limit</c>) gets a new one.
/// </summary>
public sealed record RequestRateLimit(string Partition, int Permits, TimeSpan Period, RateLimitShape Shape)
{
    public int Permits { get; } = Permits > 0 ? Permits : throw new ArgumentOutOfRangeException(nameof(Permits), Permits, "A budget has at least one permit.");

    public TimeSpan Period { get; } = Period > TimeSpan.Zero ? Period : throw new ArgumentOutOfRangeException(nameof(Period), Period, "A budget's period is positive.");

    /// <summary><paramref name="permits"/> per window; a window starts with the first request after the last one ended.</summary>
    public static RequestRateLimit FixedWindow(string partition, int permits, TimeSpan window) => new(partition, permits, window, RateLimitShape.FixedWindow);

    /// <summary>
    /// A bucket of <paramref name="permits"/> that refills steadily, the whole of it per <paramref name="period"/>: no
    /// burst at a window's edge, and a refused client is told when the next permit is there.
    /// </summary>
    public static RequestRateLimit TokenBucket(string partition, int permits, TimeSpan period) => new(partition, permits, period, RateLimitShape.TokenBucket);
}

public enum RateLimitShape
{
    FixedWindow,
    TokenBucket,
}
