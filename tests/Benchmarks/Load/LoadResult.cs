namespace Benchmarks.Load;

/// <summary>One load run: requests per second, latency percentiles in milliseconds, and answers that were not 2xx.</summary>
public sealed record LoadResult(double Rate, double P50, double P99, long Errors);
