namespace Benchmarks.Load;

public static class Percentiles
{
    /// <summary>The nearest-rank percentile of <paramref name="values"/> (NaN when empty).</summary>
    public static double Of(IReadOnlyList<double> values, double percent)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
