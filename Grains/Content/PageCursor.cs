using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Grains.Content;

/// <summary>
/// Cursors are opaque to clients: base64url of a kind prefix and the position after which the next page
/// starts, so a cursor of one list is refused by another.
/// </summary>
internal static class PageCursor
{
    private const string FeedPrefix = "feed:";
    private const string IdPrefix = "id:";

    public static string FromSequence(long sequence) => Encode(FeedPrefix + sequence.ToString(CultureInfo.InvariantCulture));

    public static string FromId(string id) => Encode(IdPrefix + id);

    public static bool TryReadSequence(string cursor, out long sequence)
    {
        sequence = 0;
        return TryDecode(cursor, FeedPrefix, out var text)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }

    public static bool TryReadId(string cursor, out string id)
    {
        var ok = TryDecode(cursor, IdPrefix, out id);
        return ok && id.Length > 0;
    }

    private static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    private static bool TryDecode(string cursor, string prefix, out string value)
    {
        value = "";
        var buffer = new byte[Base64Url.GetMaxDecodedLength(cursor.Length)];
        if (!Base64Url.TryDecodeFromChars(cursor, buffer, out var written)) return false;
        var text = Encoding.UTF8.GetString(buffer, 0, written);
        if (!text.StartsWith(prefix, StringComparison.Ordinal)) return false;
        value = text[prefix.Length..];
        return true;
    }
}
