namespace Benchmarks.Load;

/// <summary>One load run: requests per second, the 99th latency percentile in milliseconds, and answers that were not 2xx.</summary>
public sealed record LoadResult(double Rate, double P99, long Errors);
