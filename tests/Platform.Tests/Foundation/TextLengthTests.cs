using Grains;

namespace Platform.Tests.Foundation;

/// <summary>Length limits count code points, as people do: an emoji (a surrogate pair) is one character, and cuts never split it.</summary>
public sealed class TextLengthTests
{
    private const string Emoji = "\U0001F600";

    [Theory]
    [InlineData("", 0)]
    [InlineData("abc", 3)]
    [InlineData(Emoji, 1)]
    [InlineData("a" + Emoji + "b", 3)]
    [InlineData("é", 1)]
    public void Counts_code_points(string text, int expected) => Assert.Equal(expected, TextLength.Of(text));

    [Fact]
    public void A_limit_counts_a_pair_once()
    {
        var twoHundredEmoji = string.Concat(Enumerable.Repeat(Emoji, 200));
        Assert.Equal(400, twoHundredEmoji.Length);
        Assert.True(TextLength.AtMost(twoHundredEmoji, 200));
        Assert.False(TextLength.AtMost(twoHundredEmoji + "x", 200));
    }

    [Fact]
    public void Truncation_never_splits_a_surrogate_pair()
    {
        var text = "ab" + Emoji + Emoji + "cd";
        Assert.Equal("ab" + Emoji, TextLength.Truncate(text, 3));
        Assert.Equal(text, TextLength.Truncate(text, 6));
        Assert.False(char.IsHighSurrogate(TextLength.Truncate(text, 3)[^1]));
    }
}
