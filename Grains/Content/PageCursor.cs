using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Grains.Content;

/// <summary>
/// Cursors are opaque to clients: base64url of the list's name and the sequence number the next page
/// starts below, so a cursor of one list is refused by another.
/// </summary>
internal static class PageCursor
{
    public const string Posts = "posts";
    public const string Collections = "collections";

    public static string From(string list, long sequence) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{list}:{sequence.ToString(CultureInfo.InvariantCulture)}"));

    public static bool TryRead(string cursor, string list, out long sequence)
    {
        sequence = 0;
        // TryDecodeFromChars throws on characters outside the alphabet; a client's cursor may hold anything.
        if (!Base64Url.IsValid(cursor)) return false;
        var buffer = new byte[Base64Url.GetMaxDecodedLength(cursor.Length)];
        if (!Base64Url.TryDecodeFromChars(cursor, buffer, out var written)) return false;
        var text = Encoding.UTF8.GetString(buffer, 0, written);
        return text.StartsWith(list + ":", StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(list.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }
}
