using System.Text;

namespace Grains;

/// <summary>
/// Text lengths as people (and the original Python platform) count them: in code points, a surrogate pair being
/// one character, never two. Every length limit of the platform is checked, and every cut made, here.
/// </summary>
public static class TextLength
{
    public static int Of(string text)
    {
        // Most text has no surrogate at all: then it is its UTF-16 length.
        if (!text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF')) return text.Length;
        var count = 0;
        foreach (var _ in text.EnumerateRunes()) count++;
        return count;
    }

    /// <summary>Whether <paramref name="text"/> has at most <paramref name="max"/> characters.</summary>
    public static bool AtMost(string text, int max) => text.Length <= max || Of(text) <= max;

    /// <summary>The first <paramref name="max"/> characters, never half a surrogate pair.</summary>
    public static string Truncate(string text, int max)
    {
        if (AtMost(text, max)) return text;
        var builder = new StringBuilder(max * 2);
        var taken = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (taken++ == max) break;
            builder.Append(rune.ToString());
        }
        return builder.ToString();
    }
}
