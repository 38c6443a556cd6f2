using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Platform.Tests.Pipeline;

namespace Platform.Tests.Operations;

/// <summary>
/// The Grafana dashboards of the compose stack (deploy/grafana/dashboards) query only what the platform exports: every
/// metric named in a panel's PromQL is a series at a running platform's <c>/metrics</c>, after the traffic that makes
/// each one appear.
/// </summary>
public sealed partial class DashboardMetricsTests
{
    private static readonly string Dashboards = Path.Combine(PlatformProcess.RepositoryRoot, "deploy", "grafana", "dashboards");

    private static readonly HashSet<string> PromQlWords =
        ["sum", "max", "min", "avg", "count", "by", "without", "rate", "irate", "increase", "histogram_quantile", "le", "offset"];

    [Fact]
    public void Each_dashboard_is_valid_JSON_with_a_unique_id_and_queries_Prometheus()
    {
        var files = Directory.GetFiles(Dashboards, "*.json");
        Assert.Equal(["http.json", "kafka-lag.json", "orleans.json", "pipeline.json"], files.Select(Path.GetFileName).Order());
        var uids = new HashSet<string>();
        foreach (var file in files)
        {
            var dashboard = JsonNode.Parse(File.ReadAllText(file))!;
            Assert.True(uids.Add((string)dashboard["uid"]!), $"{file}: uid used twice");
            var panels = dashboard["panels"]!.AsArray();
            Assert.NotEmpty(panels);
            Assert.All(panels, panel =>
            {
                Assert.Equal("prometheus", (string)panel!["datasource"]!["uid"]!);
                Assert.NotEmpty(panel["targets"]!.AsArray());
            });
        }
    }

    [Fact]
    public async Task Every_metric_a_panel_queries_is_exported_by_a_running_platform()
    {
        var queried = Directory.GetFiles(Dashboards, "*.json")
            .SelectMany(file => Expressions(JsonNode.Parse(File.ReadAllText(file))!).Select(expr => (File: Path.GetFileName(file), Expr: expr)))
            .SelectMany(q => MetricsIn(q.Expr).Select(metric => (q.File, Metric: metric)))
            .ToList();
        Assert.Contains(queried, q => q.Metric == "pipeline_source_events_total");

        await using var api = new ApiFactory(new Dictionary<string, string?>(), kestrel: true);
        var client = api.CreateKestrelClient();
        var operatorClient = api.CreateKestrelClient();
        operatorClient.DefaultRequestHeaders.Authorization = new("Bearer", ApiFactory.TestOperatorToken);
        // Traffic that makes each kind of series appear: HTTP, a source's event through the whole pipeline, grain storage.
        var key = (await EventSourcesTests.CreateSourceAsync(operatorClient, "dashboards")).GetProperty("write_key").GetString()!;
        var sent = PipelineKit.NewEvent("dashboard-user");
        await EventSourcesTests.SendAsync(client, key, [sent]);
        await PipelineKit.StoredAsync(operatorClient, sent);
        await client.GetAsync("/api/posts");

        HashSet<string> exported = [];
        await Eventually.True(async () =>
        {
            exported = SeriesNames(await client.GetStringAsync("/metrics"));
            return queried.All(q => exported.Contains(q.Metric));
        }, PipelineKit.Drain, () => "every queried metric to be exported; missing: "
            + string.Join(", ", queried.Where(q => !exported.Contains(q.Metric)).Select(q => $"{q.Metric} ({q.File})").Distinct()));
    }

    [Theory]
    [InlineData("sum by (outcome) (rate(pipeline_events_total[1m]))", "pipeline_events_total")]
    [InlineData("histogram_quantile(0.99, sum by (le, http_route) (rate(http_server_request_duration_seconds_bucket[5m])))", "http_server_request_duration_seconds_bucket")]
    [InlineData("max by (topic, partition) (kafka_consumer_lag{topic=\"events.raw\"})", "kafka_consumer_lag")]
    public void The_metric_names_of_an_expression_leave_out_functions_and_labels(string expr, string metric) =>
        Assert.Equal([metric], MetricsIn(expr));

    private static IEnumerable<string> Expressions(JsonNode dashboard) =>
        dashboard["panels"]!.AsArray().SelectMany(p => p!["targets"]!.AsArray()).Select(t => (string)t!["expr"]!);

    /// <summary>Identifiers of the expression that are neither PromQL words nor labels (in <c>by (...)</c> or <c>{...}</c>).</summary>
    private static string[] MetricsIn(string expr)
    {
        var withoutLabels = Selectors().Replace(Grouping().Replace(expr, ""), "");
        return [.. Identifier().Matches(withoutLabels).Select(m => m.Value).Where(word => !PromQlWords.Contains(word)).Distinct()];
    }

    private static HashSet<string> SeriesNames(string exposition) =>
    [
        .. exposition.Split('\n').Where(line => line.Length > 0 && line[0] != '#').Select(line => line.Split('{', ' ')[0]),
    ];

    [GeneratedRegex(@"\b(by|without)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Selectors();

    [GeneratedRegex(@"(?<![\w.])[a-zA-Z_:][a-zA-Z0-9_:]*(?![\w.])")]
    private static partial Regex Identifier();
}
