using Grains.Interfaces.Content;

namespace Api.Content;

/// <summary>The query string of a list: <c>?limit=</c> and <c>?cursor=</c>.</summary>
public readonly record struct PageQuery(int? Limit, string? Cursor)
{
    public PageRequest ToRequest() => new(Cursor, Limit);
}
