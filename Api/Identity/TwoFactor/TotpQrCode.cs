using QRCoder;

namespace Api.Identity.TwoFactor;

/// <summary>The <c>otpauth://</c> URI authenticator apps read (Google's Key Uri Format), and the same as a QR code in SVG.</summary>
public static class TotpQrCode
{
    public static string OtpauthUri(string issuer, string accountName, string base32Secret)
    {
        var label = Uri.EscapeDataString(issuer) + ":" + Uri.EscapeDataString(accountName);
        return $"otpauth://totp/{label}?secret={base32Secret}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits=6&period=30";
    }

    public static string Svg(string otpauthUri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(otpauthUri, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }
}
