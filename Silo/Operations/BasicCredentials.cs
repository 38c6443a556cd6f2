using System.Net.Http.Headers;
using System.Text;

namespace Silo.Operations;

/// <summary>
/// The user name and password of an <c>Authorization: Basic</c> header (RFC 7617). Operators sign in with both halves;
/// event sources send their write key as the user name and leave the password empty.
/// </summary>
public readonly record struct BasicCredentials(string User, string Password)
{
    /// <summary>Whether <paramref name="authorization"/> is HTTP basic at all, whatever its parameter holds.</summary>
    public static bool IsBasic(AuthenticationHeaderValue authorization) =>
        string.Equals(authorization.Scheme, "Basic", StringComparison.OrdinalIgnoreCase);

    /// <summary>Decodes a basic header's parameter; false when it is not base64 of UTF-8 text with a colon.</summary>
    public static bool TryParse(string? parameter, out BasicCredentials credentials)
    {
        credentials = default;
        if (string.IsNullOrEmpty(parameter))
            return false;
        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter)); }
        catch (FormatException) { return false; }
        var colon = decoded.IndexOf(':');
        if (colon < 0)
            return false;
        credentials = new BasicCredentials(decoded[..colon], decoded[(colon + 1)..]);
        return true;
    }
}
