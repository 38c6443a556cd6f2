using System.Globalization;

namespace Api.Notifications;

/// <summary>
/// Where a connection is in the feeds it follows, and so the <c>id</c> of every notification it is sent: <c>{public}</c>
/// on an anonymous connection, <c>{public}.{private}</c> on a signed-in one, each part the sequence number of the last
/// notification of that feed the connection has passed (sent, or skipped as outside its topics). One id names both
/// positions, so the single <c>Last-Event-ID</c> a browser keeps is enough to resume both feeds.
/// </summary>
internal readonly record struct NotificationCursor(long Public, long? Private)
{
    private const int MaxDigits = 18;

    public override string ToString() => Private is { } mine
        ? string.Create(CultureInfo.InvariantCulture, $"{Public}.{mine}")
        : Public.ToString(CultureInfo.InvariantCulture);

    /// <summary>Null for a missing or empty value (start live); an error for one that is not an id this platform gives.</summary>
    public static bool TryParse(string? text, out NotificationCursor? cursor, out string? error)
    {
        (cursor, error) = (null, null);
        if (string.IsNullOrEmpty(text))
            return true;
        var parts = text.Split('.');
        if (parts.Length <= 2 && parts.All(IsNumber))
        {
            cursor = new NotificationCursor(long.Parse(parts[0], CultureInfo.InvariantCulture),
                parts.Length == 2 ? long.Parse(parts[1], CultureInfo.InvariantCulture) : null);
            return true;
        }
        error = "Not a notification id: resume from the id of the last notification received, such as 1042 or 1042.17.";
        return false;
    }

    private static bool IsNumber(string part) => part.Length is > 0 and <= MaxDigits && part.All(char.IsAsciiDigit);
}
