namespace Api.Http;

/// <summary>
/// The permits one partition has left. Time is passed in (the limiter's clock, as elapsed time), and a budget
/// catches up with it when it is asked, so no budget needs a timer: an idle Api wakes for none of them.
/// </summary>
internal abstract class RateLimitBudget
{
    protected readonly Lock Gate = new();

    public static RateLimitBudget For(RequestRateLimit limit, TimeSpan now) => limit.Shape switch
    {
        RateLimitShape.FixedWindow => new FixedWindowBudget(limit.Permits, limit.Period),
        RateLimitShape.TokenBucket => new TokenBucketBudget(limit.Permits, limit.Period, now),
        _ => throw new ArgumentOutOfRangeException(nameof(limit), limit.Shape, null),
    };

    /// <summary>Takes a permit, or says how long until there is one.</summary>
    public abstract bool TryTake(TimeSpan now, out TimeSpan retryAfter);

    /// <summary>Whether the budget is whole again, so that dropping it and starting afresh changes nothing.</summary>
    public abstract bool IsWhole(TimeSpan now);
}

internal sealed class FixedWindowBudget(int permits, TimeSpan window) : RateLimitBudget
{
    private TimeSpan? _windowStart;
    private int _taken;

    public override bool TryTake(TimeSpan now, out TimeSpan retryAfter)
    {
        lock (Gate)
        {
            if (_windowStart is not { } start || now - start >= window)
                (_windowStart, _taken) = (now, 0);
            if (_taken < permits)
            {
                _taken++;
                retryAfter = TimeSpan.Zero;
                return true;
            }
            retryAfter = _windowStart.Value + window - now;
            return false;
        }
    }

    public override bool IsWhole(TimeSpan now)
    {
        lock (Gate)
            return _windowStart is not { } start || now - start >= window;
    }
}

internal sealed class TokenBucketBudget(int permits, TimeSpan period, TimeSpan createdAt) : RateLimitBudget
{
    private readonly double _permitsPerTick = permits / (double)period.Ticks;
    private double _tokens = permits;
    private TimeSpan _filledAt = createdAt;

    public override bool TryTake(TimeSpan now, out TimeSpan retryAfter)
    {
        lock (Gate)
        {
            Refill(now);
            if (_tokens >= 1)
            {
                _tokens--;
                retryAfter = TimeSpan.Zero;
                return true;
            }
            retryAfter = TimeSpan.FromTicks((long)Math.Ceiling((1 - _tokens) / _permitsPerTick));
            return false;
        }
    }

    public override bool IsWhole(TimeSpan now)
    {
        lock (Gate)
        {
            Refill(now);
            return _tokens >= permits;
        }
    }

    private void Refill(TimeSpan now)
    {
        if (now <= _filledAt) return;
        _tokens = Math.Min(permits, _tokens + (now - _filledAt).Ticks * _permitsPerTick);
        _filledAt = now;
    }
}
