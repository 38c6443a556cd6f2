using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Platform.Tests.Operations;

/// <summary>compose.yaml at the repository root, parsed with its merge keys (<c>&lt;&lt;: *anchor</c>) resolved.</summary>
public sealed class ComposeFile
{
    private readonly Dictionary<object, object> _services;

    private ComposeFile(Dictionary<object, object> root) => _services = (Dictionary<object, object>)root["services"];

    public static ComposeFile Load(string path)
    {
        using var reader = new StringReader(File.ReadAllText(path));
        var root = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(new MergingParser(new Parser(reader)));
        return new ComposeFile(root);
    }

    public IEnumerable<string> ServiceNames => _services.Keys.Cast<string>();

    public Dictionary<object, object> Service(string name) => (Dictionary<object, object>)_services[name];

    public Dictionary<string, string> Environment(string service) =>
        Service(service).TryGetValue("environment", out var environment)
            ? ((Dictionary<object, object>)environment).ToDictionary(e => (string)e.Key, e => e.Value?.ToString() ?? "")
            : [];

    public int Replicas(string service) =>
        Service(service).TryGetValue("deploy", out var deploy) && ((Dictionary<object, object>)deploy).TryGetValue("replicas", out var replicas)
            ? int.Parse((string)replicas)
            : 1;

    public string? Dockerfile(string service) =>
        Service(service).TryGetValue("build", out var build) ? (string)((Dictionary<object, object>)build)["dockerfile"] : null;
}
