using System.Security.Cryptography;
using OtpNet;

namespace Grains.Identity.TwoFactor;

/// <summary>
/// RFC 6238 time-based one-time passwords as authenticator apps make them: HMAC-SHA-1, 6 digits, 30-second steps.
/// A code of the step before or after the current one is accepted too (a clock a little off, a code typed late),
/// but never a step at or before the last one accepted, so a code seen over someone's shoulder cannot be used again.
/// </summary>
public static class TotpAuthenticator
{
    public const int Digits = 6;
    public const int StepSeconds = 30;

    /// <summary>160 bits, the HMAC-SHA-1 key length RFC 4226 recommends.</summary>
    public const int SecretBytes = 20;

    private static readonly VerificationWindow OneStepEitherWay = new(previous: 1, future: 1);

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    /// <summary>The secret as authenticator apps take it typed in: base32, without padding.</summary>
    public static string Base32(byte[] secret) => Base32Encoding.ToString(secret).TrimEnd('=');

    public static string Code(byte[] secret, DateTimeOffset at, int digits = Digits) =>
        new Totp(secret, StepSeconds, OtpHashMode.Sha1, digits).ComputeTotp(at.UtcDateTime);

    /// <summary>The step <paramref name="code"/> belongs to, or null when it is wrong or its step was used already.</summary>
    public static long? Verify(byte[] secret, string code, DateTimeOffset now, long lastUsedStep)
    {
        var digits = code.Trim().Replace(" ", "", StringComparison.Ordinal);
        if (digits.Length != Digits || !digits.All(char.IsAsciiDigit))
            return null;
        return new Totp(secret, StepSeconds, OtpHashMode.Sha1, Digits).VerifyTotp(now.UtcDateTime, digits, out var step, OneStepEitherWay) && step > lastUsedStep
            ? step
            : null;
    }
}
