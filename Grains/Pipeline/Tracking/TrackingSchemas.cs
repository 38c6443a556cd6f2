using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Grains.Pipeline.Tracking;

/// <summary>JSON Schema 2020-12 through JsonSchema.Net: checking a definition, compiling it, and wording what breaks it.</summary>
public static class TrackingSchemas
{
    private static readonly EvaluationOptions ListAll = new() { OutputFormat = OutputFormat.List, EvaluateAs = SpecVersion.Draft202012 };

    /// <summary>Why <paramref name="definition"/> is not a 2020-12 schema (against the meta-schema); empty when it is.</summary>
    public static string[] ProblemsOf(JsonNode? definition)
    {
        if (definition is not JsonObject && definition?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            return ["A schema is a JSON object (or true or false)."];
        var problems = Violations(MetaSchemas.Draft202012, definition, "schema");
        if (problems.Length > 0) return problems;
        try
        {
            Compile(definition.ToJsonString());
            return [];
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException)
        {
            return [exception.Message];
        }
    }

    public static JsonSchema Compile(string definition) => JsonSchema.FromText(definition);

    /// <summary>Each way <paramref name="data"/> breaks <paramref name="schema"/>: "data/path: message"; empty when it does not.</summary>
    public static string[] ViolationsOf(JsonSchema schema, JsonNode? data) => Violations(schema, data, "data");

    private static string[] Violations(JsonSchema schema, JsonNode? instance, string root)
    {
        var results = schema.Evaluate(instance, ListAll);
        if (results.IsValid) return [];
        string[] found =
        [
            .. results.Details.Prepend(results).Where(d => d.HasErrors)
                .SelectMany(d => d.Errors!.Select(e => $"{root}{d.InstanceLocation}: {e.Value}")).Distinct(),
        ];
        return found.Length > 0 ? found : [$"{root}: does not match the schema."];
    }
}
