namespace Api.Identity;

internal static class SettingValues
{
    /// <summary>A setting left blank (an empty environment variable, as compose files pass them) counts as unset.</summary>
    public static string? NullIfBlank(this string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
