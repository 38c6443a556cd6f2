using Grains.Pipeline;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Platform.Tests.Operations;

/// <summary>
/// deploy/kubernetes has no cluster to be applied to here, so it is kept right by reading it: YAML that yamllint
/// accepts, each object of a kind and API version Kubernetes serves with the fields it requires, and names, labels,
/// ports, settings and secrets that agree with each other and with what the platform reads and exports.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string Folder = Path.Combine(PlatformProcess.RepositoryRoot, "deploy", "kubernetes");
    private static readonly List<Dictionary<object, object>> Objects = Load();

    private static readonly Dictionary<string, string> ApiVersions = new()
    {
        ["Namespace"] = "v1",
        ["ConfigMap"] = "v1",
        ["ServiceAccount"] = "v1",
        ["Service"] = "v1",
        ["Role"] = "rbac.authorization.k8s.io/v1",
        ["RoleBinding"] = "rbac.authorization.k8s.io/v1",
        ["Deployment"] = "apps/v1",
        ["PodDisruptionBudget"] = "policy/v1",
        ["HorizontalPodAutoscaler"] = "autoscaling/v2",
        ["ScaledObject"] = "keda.sh/v1alpha1",
    };

    [Fact]
    public async Task Yamllint_accepts_every_file()
    {
        var run = await ToolRun.RunAsync(new System.Diagnostics.ProcessStartInfo("yamllint",
            ["-d", "{extends: relaxed, rules: {line-length: {max: 140}}}", "--strict", Folder]), TimeSpan.FromSeconds(60));
        Assert.True(run.ExitCode == 0, run.Output + run.Errors);
    }

    [Fact]
    public void Every_object_has_a_served_kind_its_required_fields_and_the_platform_namespace()
    {
        Assert.Equal(
            ["ConfigMap/platform-config", "Deployment/api", "Deployment/silo", "HorizontalPodAutoscaler/api", "Namespace/platform",
                "PodDisruptionBudget/silo", "Role/silo-pods", "RoleBinding/silo-pods", "ScaledObject/silo", "Service/api", "Service/silo",
                "ServiceAccount/silo"],
            Objects.Select(o => $"{o["kind"]}/{Name(o)}").Order(StringComparer.Ordinal));
        foreach (var o in Objects)
        {
            var kind = (string)o["kind"];
            Assert.True(ApiVersions.TryGetValue(kind, out var version), $"unexpected kind {kind}");
            Assert.Equal(version, (string)o["apiVersion"]);
            Assert.False(string.IsNullOrEmpty(Name(o)));
            if (kind != "Namespace") Assert.Equal("platform", (string)Map(o, "metadata")["namespace"]);
        }
        Assert.Equal(["api", "silo"], Of("Deployment").Select(Name).Order());
        Assert.Equal(["api", "silo"], Of("Service").Select(Name).Order());
    }

    [Theory]
    [InlineData("silo")]
    [InlineData("api")]
    public void A_deployment_selects_its_pods_probes_health_on_its_own_port_and_sets_only_settings_the_platform_reads(string name)
    {
        var deployment = Of("Deployment").Single(d => Name(d) == name);
        var template = Map(Map(deployment, "spec"), "template");
        var labels = Strings(Map(template, "metadata")["labels"]);
        Assert.All(Strings(Map(Map(deployment, "spec"), "selector")["matchLabels"]), l => Assert.Equal(l.Value, labels[l.Key]));

        var container = Map(List(Map(template, "spec")["containers"]).Single());
        var ports = List(container["ports"]).Select(Map).ToDictionary(p => (string)p["name"], p => (string)p["containerPort"]);
        var environment = List(container["env"]).Select(Map).ToDictionary(e => (string)e["name"]);
        var url = (string)(environment.GetValueOrDefault("Silo__Urls") ?? environment["ASPNETCORE_URLS"])["value"];
        Assert.EndsWith($":{ports["http"]}", url);
        foreach (var (probe, path) in new[] { ("readinessProbe", "/health/ready"), ("livenessProbe", "/health/live") })
        {
            var get = Map(Map(container, probe), "httpGet");
            Assert.Equal((path, "http"), ((string)get["path"], (string)get["port"]));
        }

        var keys = new ConfigurationKeys(name == "silo" ? RegisteredSettings.OfSilo(RegisteredSettings.ClusterMode) : RegisteredSettings.OfApi(RegisteredSettings.ClusterMode));
        var configMap = Of("ConfigMap").Single();
        var configMapRef = (string)Map(Map(List(container["envFrom"]).Single()), "configMapRef")["name"];
        Assert.Equal(Name(configMap), configMapRef);
        var unread = environment.Keys.Concat(Strings(configMap["data"]).Keys).Where(k => !keys.IsRead(k)).ToList();
        Assert.True(unread.Count == 0, $"{name} sets variables the platform does not read: {string.Join(", ", unread)}");

        // Every secret it reads is the one namespace.yaml says how to create, with a key created there.
        var instructions = File.ReadAllText(Path.Combine(Folder, "namespace.yaml"));
        foreach (var reference in environment.Values.Where(e => e.ContainsKey("valueFrom")).Select(e => Map(e, "valueFrom"))
            .Where(v => v.ContainsKey("secretKeyRef")).Select(v => Map(v, "secretKeyRef")))
        {
            Assert.Equal("platform-secrets", (string)reference["name"]);
            Assert.Contains($"--from-literal={reference["key"]}=", instructions);
        }

        var service = Of("Service").Single(s => Name(s) == name);
        Assert.All(Strings(Map(service, "spec")["selector"]), l => Assert.Equal(l.Value, labels[l.Key]));
        Assert.All(List(Map(service, "spec")["ports"]).Select(Map), p => Assert.Contains((string)p["targetPort"], ports.Keys));
    }

    [Fact]
    public void Silos_use_Kubernetes_hosting_with_the_pod_identity_the_rights_it_needs_and_time_to_drain()
    {
        var spec = Map(Map(Map(Of("Deployment").Single(d => Name(d) == "silo"), "spec"), "template"), "spec");
        var labels = Strings(Map(Map(Map(Map(Of("Deployment").Single(d => Name(d) == "silo"), "spec"), "template"), "metadata")["labels"]));
        var environment = List(Map(List(spec["containers"]).Single())["env"]).Select(Map).ToDictionary(e => (string)e["name"]);
        string FieldOf(string variable) => (string)Map(Map(environment[variable], "valueFrom"), "fieldRef")["fieldPath"];

        Assert.Equal(("metadata.namespace", "metadata.name", "status.podIP"), (FieldOf("POD_NAMESPACE"), FieldOf("POD_NAME"), FieldOf("POD_IP")));
        Assert.Equal("metadata.labels['orleans/serviceId']", FieldOf("ORLEANS_SERVICE_ID"));
        Assert.Equal("metadata.labels['orleans/clusterId']", FieldOf("ORLEANS_CLUSTER_ID"));
        var config = Strings(Of("ConfigMap").Single()["data"]);
        Assert.Equal((config["Orleans__ServiceId"], config["Orleans__ClusterId"]), (labels["orleans/serviceId"], labels["orleans/clusterId"]));
        Assert.True(int.Parse((string)spec["terminationGracePeriodSeconds"]) >= 60);

        var account = (string)spec["serviceAccountName"];
        Assert.Contains(account, Of("ServiceAccount").Select(Name));
        var binding = Of("RoleBinding").Single(b => List(b["subjects"]).Select(Map).Any(s => (string)s["name"] == account));
        var role = Of("Role").Single(r => Name(r) == (string)Map(binding, "roleRef")["name"]);
        var verbs = List(Map(List(role["rules"]).Single())["verbs"]).Cast<string>();
        Assert.Equal(["delete", "get", "list", "watch"], verbs.Order());
    }

    [Fact]
    public void Silos_scale_on_the_consumer_lag_the_platform_exports_up_to_the_raw_partitions()
    {
        var scaled = Map(Of("ScaledObject").Single(), "spec");
        Assert.Equal("silo", (string)Map(scaled, "scaleTargetRef")["name"]);
        Assert.True(int.Parse((string)scaled["maxReplicaCount"]) <= PipelineTopology.DefaultRawPartitions);
        var trigger = Map(List(scaled["triggers"]).Single());
        Assert.Equal("prometheus", (string)trigger["type"]);
        Assert.Contains("kafka_consumer_lag{topic=\"events.raw\"}", (string)Map(trigger, "metadata")["query"]);

        var hpa = Map(Of("HorizontalPodAutoscaler").Single(), "spec");
        Assert.Equal(("Deployment", "api"), ((string)Map(hpa, "scaleTargetRef")["kind"], (string)Map(hpa, "scaleTargetRef")["name"]));
    }

    private static List<Dictionary<object, object>> Load()
    {
        var objects = new List<Dictionary<object, object>>();
        var deserializer = new DeserializerBuilder().Build();
        foreach (var file in Directory.GetFiles(Folder, "*.yaml").Order())
        {
            using var reader = new StringReader(File.ReadAllText(file));
            var parser = new Parser(reader);
            parser.Consume<StreamStart>();
            while (parser.Accept<DocumentStart>(out _))
                objects.Add(deserializer.Deserialize<Dictionary<object, object>>(parser));
        }
        return objects;
    }

    private static IEnumerable<Dictionary<object, object>> Of(string kind) => Objects.Where(o => (string)o["kind"] == kind);

    private static string Name(Dictionary<object, object> o) => (string)Map(o, "metadata")["name"];

    private static Dictionary<object, object> Map(Dictionary<object, object> o, string key) => (Dictionary<object, object>)o[key];

    private static Dictionary<object, object> Map(object o) => (Dictionary<object, object>)o;

    private static List<object> List(object o) => (List<object>)o;

    private static Dictionary<string, string> Strings(object o) => Map(o).ToDictionary(e => (string)e.Key, e => (string)e.Value);
}
