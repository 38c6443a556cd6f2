namespace Grains.Interfaces.Content;

/// <summary>
/// A caller's condition on the current version (HTTP <c>If-Match</c>). No condition at all is <c>null</c>;
/// an empty list matches nothing, so a condition the caller could not express as a version always fails.
/// </summary>
[GenerateSerializer, Immutable, Alias("Content.IfMatch")]
public sealed record IfMatch(
    [property: Id(0)] int[] Versions)
{
    public bool Matches(int version) => Versions.Contains(version);
}
