namespace Grains.Interfaces.Content;

/// <summary>Lengths the contract sets, in Unicode characters (code points).</summary>
public static class ContentLimits
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 100_000;
    public const int CollectionNameMaxLength = 100;
}
