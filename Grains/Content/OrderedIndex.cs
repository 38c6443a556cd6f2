using Grains.Interfaces.Content;

namespace Grains.Content;

/// <summary>Reads of an index kept ascending by <see cref="IndexEntry.Sequence"/>, as the feed segments and a user's collections are.</summary>
internal static class OrderedIndex
{
    /// <summary>The entry's position, or the bitwise complement of where it would be inserted (as <see cref="List{T}.BinarySearch(T)"/>).</summary>
    public static int IndexOf(List<IndexEntry> ascending, long sequence)
    {
        int low = 0, high = ascending.Count - 1;
        while (low <= high)
        {
            var middle = low + (high - low) / 2;
            var found = ascending[middle].Sequence;
            if (found == sequence) return middle;
            if (found < sequence) low = middle + 1;
            else high = middle - 1;
        }
        return ~low;
    }

    /// <summary>Up to <paramref name="max"/> entries below <paramref name="before"/> (all, when null), newest first.</summary>
    public static IndexEntry[] NewestBefore(List<IndexEntry> ascending, long? before, int max)
    {
        var end = ascending.Count;
        if (before is { } bound)
        {
            var index = IndexOf(ascending, bound);
            end = index >= 0 ? index : ~index;
        }

        var page = new IndexEntry[Math.Min(max, end)];
        for (var i = 0; i < page.Length; i++)
            page[i] = ascending[end - 1 - i];
        return page;
    }
}
