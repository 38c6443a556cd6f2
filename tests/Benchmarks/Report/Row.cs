namespace Benchmarks.Report;

/// <summary>
/// One line of the table. For rates the ratio is ours ÷ ceiling; for latencies it is ceiling ÷ ours, so 100 % means
/// "as good as the ceiling" either way. A null ceiling means there is nothing to compare with; the goal says what we aim for.
/// </summary>
public sealed record Row(string Mode, string Name, double Ours, string Unit, double? Ceiling, string CeilingName, string Goal, bool LowerIsBetter = false)
{
    /// <summary>Answers that were not 2xx during the run (wrk's count); they make the rate suspect, so the table shows them.</summary>
    public long Errors { get; init; }

    public double? Ratio => Ceiling is not { } ceiling || double.IsNaN(Ours) || Ours == 0 ? null
        : LowerIsBetter ? ceiling / Ours : Ours / ceiling;
}
