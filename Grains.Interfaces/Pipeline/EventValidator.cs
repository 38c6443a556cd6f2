using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace Grains.Interfaces.Pipeline;

/// <summary>
/// The event schema: <c>{event_id: uuid, event_type, timestamp: RFC 3339, user_id, data: {...}, metadata?: {...}}</c>,
/// at most <see cref="MaxEventBytes"/> as JSON. Returns every problem at once, keyed by field.
/// </summary>
public static partial class EventValidator
{
    public const int MaxEventBytes = 32 * 1024;
    public const int MaxUserIdLength = 256;

    public static Dictionary<string, string[]> Validate(JsonElement item)
    {
        var errors = new Dictionary<string, string[]>();
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors["event"] = ["An event must be a JSON object."];
            return errors;
        }
        if (!IsValidText(item))
        {
            // Valid JSON can still escape a lone surrogate or carry invalid UTF-8; no reader downstream could take it.
            errors["event"] = ["An event must be valid Unicode text: it holds a lone surrogate or invalid UTF-8."];
            return errors;
        }
        if (JsonMarshal.GetRawUtf8Value(item).Length > MaxEventBytes)
            errors["event"] = [$"An event must not exceed {MaxEventBytes} bytes of JSON."];

        Check(errors, item, "event_id", v => v.ValueKind == JsonValueKind.String && WithText(v, IsUuid), "Must be a UUID string.");
        Check(errors, item, "event_type", v => v.ValueKind == JsonValueKind.String && WithText(v, IsEventType),
            "Must match ^[a-z][a-z0-9_.]{0,63}$.");
        Check(errors, item, "timestamp", v => v.ValueKind == JsonValueKind.String && WithText(v, IsRfc3339),
            "Must be an RFC 3339 date-time with an offset, e.g. 2024-01-01T00:00:00Z.");
        Check(errors, item, "user_id", v => v.ValueKind == JsonValueKind.String && WithText(v, IsUserId),
            $"Must be a non-empty string of at most {MaxUserIdLength} characters.");
        Check(errors, item, "data", v => v.ValueKind == JsonValueKind.Object, "Must be a JSON object.");
        if (item.TryGetProperty("metadata", out var metadata) && metadata.ValueKind != JsonValueKind.Object)
            errors["metadata"] = ["Must be a JSON object when present."];
        return errors;
    }

    /// <summary>Whether <paramref name="value"/> is a valid <c>event_type</c>.</summary>
    public static bool IsEventType(ReadOnlySpan<char> value) => EventType().IsMatch(value);

    /// <summary>
    /// What <paramref name="read"/> makes of a JSON string's text, without a string for it where it is short and has
    /// no escapes (every valid event's fields are): its UTF-8 is decoded on the stack. The fields are read twice per
    /// event (ingestion, then the deduplication grain), and these strings were a good part of what the pipeline
    /// allocated (docs/benchmarks.md, "Twenty-seventh").
    /// </summary>
    public static T WithText<T>(JsonElement value, Func<ReadOnlySpan<char>, T> read)
    {
        // The raw value has its quotes; a backslash means escapes, which GetString resolves.
        var content = JsonMarshal.GetRawUtf8Value(value)[1..^1];
        if (content.Length > MaxStackText || content.Contains((byte)'\\')) return read(value.GetString());
        Span<char> text = stackalloc char[MaxStackText];
        return read(text[..Encoding.UTF8.GetChars(content, text)]);
    }

    /// <summary>Characters decoded on the stack: a UTF-8 byte is at most one UTF-16 unit.</summary>
    private const int MaxStackText = 1024;

    /// <summary>The event's id when it has a readable one, for the itemised rejection.</summary>
    public static string? EventIdOf(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("event_id", out var id) && id.ValueKind == JsonValueKind.String && IsValidText(id)
            ? id.GetString()
            : null;

    /// <summary>
    /// Whether the element's JSON text is valid UTF-8 and escapes no lone surrogate (<c>"\ud800"</c> is valid JSON but
    /// not valid text). One pass over the raw bytes, vectorised, and a look at each backslash, which in JSON only
    /// occurs inside strings: most events have none.
    /// </summary>
    private static bool IsValidText(JsonElement element)
    {
        var json = JsonMarshal.GetRawUtf8Value(element);
        if (!Utf8.IsValid(json)) return false;
        for (var i = json.IndexOf((byte)'\\'); i >= 0;)
        {
            if (json[i + 1] != (byte)'u')
            {
                i = Next(json, i + 2);
                continue;
            }
            var unit = Hex(json.Slice(i + 2, 4));
            if (char.IsLowSurrogate(unit)) return false;
            if (!char.IsHighSurrogate(unit))
            {
                i = Next(json, i + 6);
                continue;
            }
            if (json.Length < i + 12 || json[i + 6] != (byte)'\\' || json[i + 7] != (byte)'u' || !char.IsLowSurrogate(Hex(json.Slice(i + 8, 4))))
                return false;
            i = Next(json, i + 12);
        }
        return true;

        static int Next(ReadOnlySpan<byte> json, int from) =>
            from < json.Length && json[from..].IndexOf((byte)'\\') is var at and >= 0 ? from + at : -1;

        // The parser has already checked that four hex digits follow \u.
        static char Hex(ReadOnlySpan<byte> digits) =>
            (char)int.Parse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    private static void Check(Dictionary<string, string[]> errors, JsonElement item, string field, Func<JsonElement, bool> valid, string message)
    {
        if (!item.TryGetProperty(field, out var value))
            errors[field] = ["Required."];
        else if (!valid(value))
            errors[field] = [message];
    }

    private static bool IsUuid(ReadOnlySpan<char> value) => value.Length == 36 && Guid.TryParseExact(value, "D", out _);

    private static bool IsUserId(ReadOnlySpan<char> value) => value.Length is > 0 and <= MaxUserIdLength && !value.IsWhiteSpace();

    private static bool IsRfc3339(ReadOnlySpan<char> value) =>
        Rfc3339().IsMatch(value)
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    [GeneratedRegex("^[a-z][a-z0-9_.]{0,63}$")]
    private static partial Regex EventType();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();
}
