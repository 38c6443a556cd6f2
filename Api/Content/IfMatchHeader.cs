using Grains.Interfaces.Content;
using Microsoft.Net.Http.Headers;

namespace Api.Content;

internal static class IfMatchHeader
{
    /// <summary>
    /// Reads <c>If-Match</c> into the versions it names. Absent or <c>*</c>: no condition. Weak tags and
    /// tags that are not our <c>"version"</c> can never match (If-Match compares strongly), so they fail.
    /// </summary>
    public static IfMatch? Parse(HttpRequest request)
    {
        var values = request.Headers.IfMatch;
        if (values.Count == 0) return null;
        if (!EntityTagHeaderValue.TryParseList(values, out var tags))
            return new(Versions: []);
        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
            return null;
        return new(Versions: [.. tags
            .Where(t => !t.IsWeak)
            .Select(t => int.TryParse(t.Tag.AsSpan().Trim('"'), out var version) ? version : -1)
            .Where(v => v >= 0)]);
    }

    public static string ETagOf(IVersioned resource) => $"\"{resource.Version}\"";
}
