using System.Globalization;
using System.Runtime.InteropServices;
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

        Check(errors, item, "event_id", v => v.ValueKind == JsonValueKind.String && IsUuid(v.GetString()!), "Must be a UUID string.");
        Check(errors, item, "event_type", v => v.ValueKind == JsonValueKind.String && IsEventType(v.GetString()!),
            "Must match ^[a-z][a-z0-9_.]{0,63}$.");
        Check(errors, item, "timestamp", v => v.ValueKind == JsonValueKind.String && IsRfc3339(v.GetString()!),
            "Must be an RFC 3339 date-time with an offset, e.g. 2024-01-01T00:00:00Z.");
        Check(errors, item, "user_id", v => v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 and <= MaxUserIdLength } id
            && !string.IsNullOrWhiteSpace(id), $"Must be a non-empty string of at most {MaxUserIdLength} characters.");
        Check(errors, item, "data", v => v.ValueKind == JsonValueKind.Object, "Must be a JSON object.");
        if (item.TryGetProperty("metadata", out var metadata) && metadata.ValueKind != JsonValueKind.Object)
            errors["metadata"] = ["Must be a JSON object when present."];
        return errors;
    }

    /// <summary>Whether <paramref name="value"/> is a valid <c>event_type</c>.</summary>
    public static bool IsEventType(string value) => EventType().IsMatch(value);

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

    private static bool IsUuid(string value) => value.Length == 36 && Guid.TryParseExact(value, "D", out _);

    private static bool IsRfc3339(string value) =>
        Rfc3339().IsMatch(value)
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    [GeneratedRegex("^[a-z][a-z0-9_.]{0,63}$")]
    private static partial Regex EventType();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();
}
