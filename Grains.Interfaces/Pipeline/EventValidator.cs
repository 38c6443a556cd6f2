using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

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
        if (Encoding.UTF8.GetByteCount(item.GetRawText()) > MaxEventBytes)
            errors["event"] = [$"An event must not exceed {MaxEventBytes} bytes of JSON."];

        Check(errors, item, "event_id", v => v.ValueKind == JsonValueKind.String && IsUuid(v.GetString()!), "Must be a UUID string.");
        Check(errors, item, "event_type", v => v.ValueKind == JsonValueKind.String && EventType().IsMatch(v.GetString()!),
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

    /// <summary>The event's id when it has a readable one, for the itemised rejection.</summary>
    public static string? EventIdOf(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("event_id", out var id) && id.ValueKind == JsonValueKind.String && IsValidText(id)
            ? id.GetString()
            : null;

    /// <summary>Whether every property name and string in the element decodes to well-formed Unicode.</summary>
    private static bool IsValidText(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    return IsWellFormed(element.GetString()!);
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                        if (!IsWellFormed(property.Name) || !IsValidText(property.Value)) return false;
                    return true;
                case JsonValueKind.Array:
                    foreach (var value in element.EnumerateArray())
                        if (!IsValidText(value)) return false;
                    return true;
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 in the document's bytes: the reader cannot decode it.
            return false;
        }
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i])) continue;
            if (!char.IsHighSurrogate(text[i]) || i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1])) return false;
            i++;
        }
        return true;
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
