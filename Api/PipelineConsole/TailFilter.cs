namespace Api.PipelineConsole;

/// <summary>Which events a console's live tail shows; every part left out matches all. Each part is compared exactly.</summary>
public sealed record TailFilter(string? EventType, string? UserId, string? Source)
{
    public bool Matches(TailedEvent tailed) =>
        (EventType is null || tailed.EventType == EventType)
        && (UserId is null || tailed.UserId == UserId)
        && (Source is null || tailed.Source == Source);

    /// <summary>From the query string; blank parts match all.</summary>
    public static TailFilter Of(string? eventType, string? userId, string? source) =>
        new(Blank(eventType), Blank(userId), Blank(source));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
