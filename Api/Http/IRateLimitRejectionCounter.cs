namespace Api.Http;

/// <summary>A request feature that wants to know when the rate limiter refused its request (a source's counters).</summary>
public interface IRateLimitRejectionCounter
{
    void CountRejection();
}
