using System.Globalization;
using System.Text;

namespace Benchmarks.Report;

/// <summary>The run's one table, in Markdown so it can go straight into docs/benchmarks.md.</summary>
public sealed class ResultTable
{
    private readonly List<Row> _rows = [];

    public IReadOnlyList<Row> Rows => _rows;

    public void Add(Row row)
    {
        _rows.Add(row);
        Console.WriteLine($"  measured: {row.Name}: {Format(row.Ours)} {row.Unit} (ceiling {(row.Ceiling is { } c ? Format(c) : "–")})");
    }

    public string Render(string header)
    {
        var text = new StringBuilder();
        text.AppendLine(header).AppendLine();
        text.AppendLine("| mode | row | ours | ceiling (same run) | ratio | goal |");
        text.AppendLine("|---|---|---:|---:|---:|---|");
        foreach (var row in _rows)
        {
            var ceiling = row.Ceiling is { } c ? $"{Format(c)} {row.Unit} ({row.CeilingName})" : row.CeilingName;
            var ratio = row.Ratio is { } r ? r.ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal) : "–";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Mode} | {row.Name}{(row.Errors > 0 ? $" (**{row.Errors} non-2xx**)" : "")} | {Format(row.Ours)} {row.Unit} | {ceiling} | {ratio} | {row.Goal} |");
        }
        return text.ToString();
    }

    private static string Format(double value) => double.IsNaN(value) ? "n/a"
        : value >= 100 ? value.ToString("N0", CultureInfo.InvariantCulture)
        : value.ToString("0.##", CultureInfo.InvariantCulture);
}
