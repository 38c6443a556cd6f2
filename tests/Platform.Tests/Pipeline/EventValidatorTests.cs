using System.Text.Json;
using Grains.Interfaces.Pipeline;

namespace Platform.Tests.Pipeline;

public sealed class EventValidatorTests
{
    private const string Valid = """
        {"event_id":"0b7e8a52-7f0e-4b8e-9c53-5d7f2a1c9e01","event_type":"user_action","timestamp":"2024-01-01T00:00:00Z",
         "user_id":"user123","data":{"action":"click"},"metadata":{"source":"web","version":"1.0"}}
        """;

    [Fact]
    public void A_valid_event_has_no_errors() => Assert.Empty(EventValidator.Validate(Parse(Valid)));

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"\\udc00\"")]
    [InlineData("\"\\ud83d x\"")]
    [InlineData("\"\\udfff\\ud800\"")]
    [InlineData("{\"\\ud800\": 1}")]
    public void Text_with_a_lone_surrogate_is_refused_as_a_whole(string data)
    {
        var errors = EventValidator.Validate(WithRawData($"{{\"note\": {data}}}"));
        Assert.Equal(["event"], errors.Keys);
    }

    [Theory]
    [InlineData("\"\\ud83d\\ude00\"")] // a surrogate pair: one emoji
    [InlineData("\"\\\\ud800\"")] // an escaped backslash, then the letters "ud800"
    [InlineData("\"\\n\\t\\u00e9\\\"\"")]
    public void Well_formed_escapes_are_accepted(string text) =>
        Assert.Empty(EventValidator.Validate(WithRawData($"{{\"note\": {text}}}")));

    [Fact]
    public void Invalid_UTF_8_is_refused_as_a_whole()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Valid.Replace("click", "cl__k", StringComparison.Ordinal));
        var at = Array.IndexOf(bytes, (byte)'_');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;
        Assert.Equal(["event"], EventValidator.Validate(JsonDocument.Parse(bytes).RootElement).Keys);
    }

    [Theory]
    [InlineData("event_id", "\"not-a-uuid\"")]
    [InlineData("event_id", "42")]
    [InlineData("event_type", "\"User_Action\"")]
    [InlineData("event_type", "\"1starts_with_digit\"")]
    [InlineData("timestamp", "\"2024-01-01 00:00:00\"")]
    [InlineData("timestamp", "\"2024-01-01T00:00:00\"")]
    [InlineData("timestamp", "\"2024-13-01T00:00:00Z\"")]
    [InlineData("user_id", "\"\"")]
    [InlineData("user_id", "7")]
    [InlineData("data", "[1,2]")]
    [InlineData("data", "\"text\"")]
    [InlineData("metadata", "\"web\"")]
    public void Each_rule_names_its_field(string field, string badValue)
    {
        var errors = EventValidator.Validate(With(field, badValue));
        Assert.Equal([field], errors.Keys);
    }

    [Theory]
    [InlineData("event_id")]
    [InlineData("event_type")]
    [InlineData("timestamp")]
    [InlineData("user_id")]
    [InlineData("data")]
    public void Required_fields_are_required(string field)
    {
        var errors = EventValidator.Validate(Without(field));
        Assert.Equal(["Required."], errors[field]);
    }

    [Fact]
    public void Metadata_is_optional() => Assert.Empty(EventValidator.Validate(Without("metadata")));

    [Fact]
    public void An_event_over_32_KiB_is_refused()
    {
        var errors = EventValidator.Validate(With("data", $"{{\"blob\":\"{new string('a', 33 * 1024)}\"}}"));
        Assert.Contains("event", errors.Keys);
    }

    [Fact]
    public void A_non_object_is_refused() => Assert.Equal(["event"], EventValidator.Validate(Parse("[1]")).Keys);

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

    private static JsonElement With(string field, string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(Valid)!.AsObject();
        node[field] = System.Text.Json.Nodes.JsonNode.Parse(json);
        return Parse(node.ToJsonString());
    }

    /// <summary>The valid event with <paramref name="json"/> as its data, as text: a JSON library would re-escape it.</summary>
    private static JsonElement WithRawData(string json) => Parse(Valid.Replace("{\"action\":\"click\"}", json, StringComparison.Ordinal));

    private static JsonElement Without(string field)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(Valid)!.AsObject();
        node.Remove(field);
        return Parse(node.ToJsonString());
    }
}
