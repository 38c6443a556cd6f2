using System.Text.RegularExpressions;
using Npgsql;

namespace Platform.Tests.Operations;

/// <summary>
/// No Docker engine runs here, so compose.yaml, its Dockerfiles and the nginx and Prometheus files beside it
/// are kept right by reading them: every variable set is one the platform reads, and names and ports agree. A real
/// Compose implementation (Debian's docker-compose, which needs no engine for <c>config</c>) validates the file too.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly string Root = PlatformProcess.RepositoryRoot;
    private static readonly ComposeFile Compose = ComposeFile.Load(Path.Combine(Root, "compose.yaml"));
    private static readonly Lazy<Dictionary<string, ConfigurationKeys>> KeysRead = new(() => new()
    {
        ["silo"] = new(RegisteredSettings.OfSilo(RegisteredSettings.ClusterMode)),
        ["api"] = new(RegisteredSettings.OfApi(RegisteredSettings.ClusterMode)),
    });

    [Fact]
    public void The_stack_has_its_services_and_replicas()
    {
        Assert.Equal(["postgres", "kafka", "silo", "api", "proxy", "prometheus", "grafana", "otel-collector", "jaeger"], Compose.ServiceNames);
        Assert.Equal(3, Compose.Replicas("silo"));
        Assert.Equal(2, Compose.Replicas("api"));
        Assert.Contains("broker,controller", Compose.Environment("kafka")["KAFKA_PROCESS_ROLES"]);
        Assert.Equal("false", Compose.Environment("kafka")["KAFKA_AUTO_CREATE_TOPICS_ENABLE"]);
    }

    [Theory]
    [InlineData("silo")]
    [InlineData("api")]
    public void Every_variable_set_on_a_platform_service_is_read_by_the_platform(string service)
    {
        var unknown = Compose.Environment(service).Keys.Where(k => !KeysRead.Value[service].IsRead(k)).ToList();
        Assert.True(unknown.Count == 0, $"{service} sets variables the platform does not read: {string.Join(", ", unknown)}");
    }

    [Fact]
    public async Task Docker_compose_accepts_the_file_and_insists_on_its_secrets()
    {
        var secrets = new Dictionary<string, string>
        {
            ["SECRET_KEY"] = new('s', 32),
            ["JWE_SECRET_KEY"] = new('j', 32),
            ["POSTGRES_PASSWORD"] = "pg",
            ["OPERATOR_PASSWORD"] = "op",
            ["GRAFANA_PASSWORD"] = "gf",
        };
        var (valid, output) = await ComposeConfigAsync(secrets);
        Assert.True(valid, output);

        secrets.Remove("OPERATOR_PASSWORD");
        (valid, output) = await ComposeConfigAsync(secrets);
        Assert.False(valid);
        Assert.Contains("set OPERATOR_PASSWORD", output);
    }

    /// <summary><c>docker-compose config --quiet</c> on the file, with only <paramref name="variables"/> set.</summary>
    private static async Task<(bool Valid, string Output)> ComposeConfigAsync(Dictionary<string, string> variables)
    {
        var info = new System.Diagnostics.ProcessStartInfo("docker-compose", ["--file", Path.Combine(Root, "compose.yaml"), "config", "--quiet"])
        {
            WorkingDirectory = Root,
        };
        foreach (var name in new[] { "SECRET_KEY", "JWE_SECRET_KEY", "POSTGRES_PASSWORD", "OPERATOR_PASSWORD", "GRAFANA_PASSWORD" })
            info.Environment.Remove(name);
        foreach (var (name, value) in variables) info.Environment[name] = value;
        var run = await ToolRun.RunAsync(info, TimeSpan.FromSeconds(60));
        return (run.ExitCode == 0, run.Output + run.Errors);
    }

    [Fact]
    public void The_key_check_refuses_misspelt_keys()
    {
        var silo = KeysRead.Value["silo"];
        Assert.True(silo.IsRead("Orleans__Membership__ProbeTimeout"));
        Assert.True(silo.IsRead("Kafka__Settings__security.protocol"));
        Assert.False(silo.IsRead("Orleans__SiloPrt"));
        Assert.False(silo.IsRead("Orleans__Membrship__ProbeTimeout"));
        Assert.False(silo.IsRead("KAFKA_BOOTSTRAP"));
        // The silo does not serve the Api: it reads no access-token settings, the Api node reads them.
        Assert.False(silo.IsRead("Auth__AccessTokenLifetime"));
        Assert.True(KeysRead.Value["api"].IsRead("Auth__AccessTokenLifetime"));
    }

    [Theory]
    [InlineData("silo")]
    [InlineData("api")]
    public void Platform_services_reach_postgres_and_kafka_by_their_service_names(string service)
    {
        var environment = Compose.Environment(service);
        var database = new NpgsqlConnectionStringBuilder(environment["ConnectionStrings__Orleans"]);
        Assert.Contains(database.Host!, Compose.ServiceNames);
        Assert.Equal(5432, database.Port);
        Assert.Equal(Compose.Environment("postgres")["POSTGRES_USER"], database.Username);
        Assert.Equal(Compose.Environment("postgres")["POSTGRES_DB"], database.Database);

        var bootstrap = environment["Kafka__BootstrapServers"];
        Assert.Contains(bootstrap.Split(':')[0], Compose.ServiceNames);
        Assert.Contains($"PLAINTEXT://{bootstrap}", Compose.Environment("kafka")["KAFKA_ADVERTISED_LISTENERS"]);
        Assert.Equal(Compose.Environment("silo")["Orleans__ClusterId"], environment["Orleans__ClusterId"]);
        Assert.Equal(Compose.Environment("silo")["Orleans__ServiceId"], environment["Orleans__ServiceId"]);
    }

    [Fact]
    public void The_proxy_and_Prometheus_use_the_ports_the_nodes_listen_on()
    {
        var apiPort = PortOf(Compose.Environment("api")["ASPNETCORE_URLS"]);
        var siloPort = PortOf(Compose.Environment("silo")["Silo__Urls"]);

        var nginx = File.ReadAllText(Path.Combine(Root, "deploy", "nginx.conf"));
        Assert.Matches($@"server\s+api:{apiPort};", nginx);
        Assert.Contains("proxy_set_header Upgrade $http_upgrade;", nginx);
        Assert.Contains("./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro", Volumes("proxy"));

        var prometheus = File.ReadAllText(Path.Combine(Root, "deploy", "prometheus.yml"));
        Assert.Matches($@"names: \[silo\]\s+type: A\s+port: {siloPort}", prometheus);
        Assert.Matches($@"names: \[api\]\s+type: A\s+port: {apiPort}", prometheus);
        Assert.Contains("./deploy/prometheus.yml:/etc/prometheus/prometheus.yml:ro", Volumes("prometheus"));
    }

    [Fact]
    public void Traces_go_through_the_collector_to_Jaeger_and_Grafana_reads_Prometheus_and_Jaeger()
    {
        foreach (var service in new[] { "silo", "api" })
            Assert.Equal("http://otel-collector:4317", Compose.Environment(service)["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var collector = File.ReadAllText(Path.Combine(Root, "deploy", "otel-collector.yaml"));
        Assert.Contains("endpoint: 0.0.0.0:4317", collector);
        Assert.Contains("endpoint: jaeger:4317", collector);
        Assert.Matches(@"traces:\s+receivers: \[otlp\]\s+processors: \[batch\]\s+exporters: \[otlp/jaeger\]", collector);
        Assert.Contains("./deploy/otel-collector.yaml:/etc/otelcol/config.yaml:ro", Volumes("otel-collector"));

        var sources = File.ReadAllText(Path.Combine(Root, "deploy", "grafana", "provisioning", "datasources", "prometheus.yaml"));
        Assert.Contains("url: http://prometheus:9090", sources);
        Assert.Contains("url: http://jaeger:16686", sources);
        Assert.Contains("9090:9090", string.Join(" ", ((List<object>)Compose.Service("prometheus")["ports"]).Cast<string>()));
        var grafana = Volumes("grafana");
        Assert.Contains("./deploy/grafana/provisioning:/etc/grafana/provisioning:ro", grafana);
        Assert.Contains("./deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro", grafana);
        Assert.Contains("path: /var/lib/grafana/dashboards",
            File.ReadAllText(Path.Combine(Root, "deploy", "grafana", "provisioning", "dashboards", "platform.yaml")));
    }

    [Theory]
    [InlineData("silo", "Silo")]
    [InlineData("api", "Api")]
    public void Dockerfiles_are_multi_stage_and_run_as_a_non_root_user(string service, string project)
    {
        Assert.Equal($"{project}/Dockerfile", Compose.Dockerfile(service));
        var dockerfile = File.ReadAllLines(Path.Combine(Root, project, "Dockerfile"));
        Assert.True(dockerfile.Count(l => l.StartsWith("FROM ", StringComparison.Ordinal)) >= 2, "multi-stage: two FROM lines at least");
        var user = Assert.Single(dockerfile, l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.DoesNotMatch(@"USER\s+(root|0)\b", user);
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"{project}.dll\"]", dockerfile);
    }

    private static string Volumes(string service) =>
        string.Join(" ", ((List<object>)Compose.Service(service)["volumes"]).Cast<string>());

    private static int PortOf(string url) => int.Parse(Port().Match(url).Groups[1].Value);

    [GeneratedRegex(@":(\d+)/?$")]
    private static partial Regex Port();
}
