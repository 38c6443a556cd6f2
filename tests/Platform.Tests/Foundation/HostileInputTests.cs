using System.Text;
using System.Text.Json.Nodes;

namespace Platform.Tests.Foundation;

/// <summary>
/// Walks every operation of the published OpenAPI document over real HTTP with hostile bodies, path values, query
/// values and headers: each answer must come within a deadline, never be a 5xx, and every refusal must be a problem.
/// New endpoints are walked as soon as they are in the document.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
[Collection(Platform.Tests.Operations.SoloCollection.Name)]
public sealed class HostileInputTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    /// <summary>JSON values of every kind and the strings that break naive code: empty, huge, control characters, lone surrogates.</summary>
    private static readonly string[] HostileValues =
    [
        "null", "0", "-1", "1e400", "99999999999999999999", "true", "\"\"", "\"   \"", "[]", "{}", "[null]",
        "\"\\u0000\\u0001\\u001f\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"<script>alert(1)</script>\"", "\"' OR 1=1 --\"",
        $"\"{new string('x', 200_000)}\"", "\"not-a-uuid\"", "\"00000000-0000-0000-0000-000000000000\"", "\"2024-13-45T99:99:99Z\"",
    ];

    /// <summary>Whole bodies that are not what any operation expects.</summary>
    private static readonly byte[][] HostileBodies =
    [
        .. HostileValues.Select(Encoding.UTF8.GetBytes),
        "{"u8.ToArray(), "{\"a\":"u8.ToArray(), "{\"a\":1,}"u8.ToArray(), "\u00ef\u00bb\u00bf{}"u8.ToArray(),
        [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0xC3, 0x28, 0x22, 0x7D], // {"a":"<invalid UTF-8>"}
        Encoding.UTF8.GetBytes(new string('[', 5_000) + new string(']', 5_000)),
        Encoding.UTF8.GetBytes("{\"batch\":" + new string('[', 3_000) + new string(']', 3_000) + "}"),
    ];

    /// <summary>Not "%00": Kestrel itself refuses a NUL in the path, before the application sees the request.</summary>
    private static readonly string[] HostilePathValues =
        ["not-a-uuid", "00000000-0000-0000-0000-000000000000", "%01", "..%2F..%2Fetc", "%ED%A0%80", "%FF", new string('9', 3_000), "' OR 1=1"];

    private static readonly (string Name, string Value)[] HostileHeaders =
    [
        ("Authorization", "Bearer garbage"), ("Authorization", "Bearer a.b.c.d.e"), ("Authorization", "Basic !!!not-base64"),
        ("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("no-colon"))), ("If-Match", "garbage"),
        ("If-Match", "W/\"1\""), ("If-Match", "\"99999999999999999999\""), ("Last-Event-ID", "garbage%FF"), ("X-Write-Key", ""),
    ];

    [Fact]
    public async Task No_operation_answers_a_hostile_request_with_a_5xx_a_hang_or_a_bare_refusal()
    {
        await using var api = new ApiFactory(new Dictionary<string, string?>(), kestrel: true);
        using var http = api.CreateKestrelClient();
        http.Timeout = Deadline;
        var document = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!;
        var operations = Operations(document).ToList();
        Assert.True(operations.Count >= 20, $"only {operations.Count} operations in the document");

        var failures = new List<string>();
        var sent = 0;
        async Task WalkAsync(HttpClient client, IEnumerable<(HttpMethod Method, string Template, JsonNode Operation)> walked)
        {
            foreach (var (method, template, operation) in walked)
            {
                foreach (var request in Requests(method, template, operation, document))
                {
                    sent++;
                    var failure = await SendAsync(client, request);
                    if (failure is not null) failures.Add(failure);
                }
            }
        }
        await WalkAsync(http, operations);
        // The pages the document leaves out, anonymous and past the operator check: what is behind it must hold too.
        using var operatorHttp = api.CreateKestrelClient();
        operatorHttp.Timeout = Deadline;
        operatorHttp.DefaultRequestHeaders.Authorization = new("Bearer", ApiFactory.TestOperatorToken);
        await WalkAsync(http, PagesOutsideTheDocument);
        await WalkAsync(operatorHttp, PagesOutsideTheDocument);

        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} hostile requests were answered badly:{Environment.NewLine}"
            + string.Join(Environment.NewLine, failures.Distinct().Take(40)));
    }

    /// <summary>Browser pages and their feeds, which the API document does not describe.</summary>
    private static readonly (HttpMethod Method, string Template, JsonNode Operation)[] PagesOutsideTheDocument =
        [.. new[] { "/console", "/console/assets/{name}", "/console/stream" }.Select(path => (HttpMethod.Get, path, (JsonNode)new JsonObject()))];

    private static IEnumerable<(HttpMethod Method, string Template, JsonNode Operation)> Operations(JsonNode document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (verb, operation) in item!.AsObject())
            {
                if (verb is "get" or "post" or "put" or "patch" or "delete")
                    yield return (new HttpMethod(verb.ToUpperInvariant()), path, operation!);
            }
        }
    }

    private static IEnumerable<HttpRequestMessage> Requests(HttpMethod method, string template, JsonNode operation, JsonNode document)
    {
        var hasBody = operation["requestBody"] is not null || method == HttpMethod.Post || method == HttpMethod.Put || method == HttpMethod.Patch;
        var pathValues = template.Contains('{') ? HostilePathValues : [""];
        foreach (var value in pathValues)
        {
            var path = Fill(template, value);
            yield return new HttpRequestMessage(method, path);
            yield return new HttpRequestMessage(method, path + "?limit=-1&cursor=%FF%FE&since=garbage&topics=collection:x,post:%00");
            yield return new HttpRequestMessage(method, path + "?limit=abc&cursor=" + new string('A', 4_000));
            yield return new HttpRequestMessage(method, path + "?type=%ED%A0%80&user=" + new string('u', 4_000) + "&source=%01&type=twice");
            foreach (var (name, headerValue) in HostileHeaders)
            {
                var withHeader = new HttpRequestMessage(method, path);
                withHeader.Headers.TryAddWithoutValidation(name, headerValue);
                if (hasBody) withHeader.Content = Json("{}"u8.ToArray());
                yield return withHeader;
            }
        }

        if (!hasBody) yield break;
        var bodyPath = Fill(template, Guid.NewGuid().ToString());
        foreach (var body in HostileBodies)
            yield return new HttpRequestMessage(method, bodyPath) { Content = Json(body) };
        foreach (var property in PropertiesOf(operation, document))
        {
            foreach (var value in HostileValues)
                yield return new HttpRequestMessage(method, bodyPath) { Content = Json(Encoding.UTF8.GetBytes($"{{\"{property}\":{value},\"unexpected\":{{\"x\":[1]}}}}")) };
        }
        // The event pipeline's bodies, whose fields the document leaves open.
        foreach (var field in new[] { "event_id", "event_type", "timestamp", "user_id", "data", "metadata" })
        {
            foreach (var value in HostileValues)
                yield return new HttpRequestMessage(method, bodyPath) { Content = Json(Encoding.UTF8.GetBytes($"{{\"batch\":[{{\"{field}\":{value}}}]}}")) };
        }
    }

    /// <summary>The request body's property names, following a schema reference when there is one.</summary>
    private static IEnumerable<string> PropertiesOf(JsonNode operation, JsonNode document)
    {
        var schema = operation["requestBody"]?["content"]?["application/json"]?["schema"];
        if (schema?["$ref"]?.GetValue<string>() is { } reference)
            schema = document["components"]?["schemas"]?[reference.Split('/')[^1]];
        return schema?["properties"]?.AsObject().Select(p => p.Key) ?? [];
    }

    private static string Fill(string template, string value)
    {
        var path = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '{') { path.Append(template[i]); continue; }
            path.Append(value);
            i = template.IndexOf('}', i);
        }
        return path.ToString();
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return content;
    }

    /// <summary>Null when the answer is acceptable; otherwise what was wrong with it.</summary>
    private static async Task<string?> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        var what = $"{request.Method} {request.RequestUri}{(request.Content is null ? "" : " with " + Describe(await request.Content.ReadAsByteArrayAsync()))}"
            + string.Concat(request.Headers.Select(h => $" [{h.Key}: {string.Join(",", h.Value)}]"));
        try
        {
            // Headers are the answer: a stream (Server-Sent Events) answers with them and never ends its body.
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var status = (int)response.StatusCode;
            if (status >= 500)
                return $"{status} for {what}: {Describe(await response.Content.ReadAsByteArrayAsync())}";
            if (status >= 400 && response.Content.Headers.ContentType?.MediaType != ProblemAssertions.ProblemJson)
                return $"{status} without a problem body for {what}";
            return null;
        }
        catch (TaskCanceledException)
        {
            return $"no answer within {Deadline} for {what}";
        }
        finally
        {
            request.Dispose();
        }
    }

    private static string Describe(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        return text.Length > 120 ? text[..120] + $"… ({bytes.Length} bytes)" : text;
    }
}
