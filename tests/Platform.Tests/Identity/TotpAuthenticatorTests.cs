using System.Text;
using Grains.Identity.TwoFactor;

namespace Platform.Tests.Identity;

public sealed class TotpAuthenticatorTests
{
    // RFC 6238, appendix B: the SHA-1 key is the ASCII of "12345678901234567890"; the codes there have 8 digits.
    private static readonly byte[] RfcSecret = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Codes_are_those_of_RFC_6238(long unixSeconds, string expected)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

        Assert.Equal(expected, TotpAuthenticator.Code(RfcSecret, at, digits: 8));
        // Six digits, as apps show them, are the last six of the same number.
        Assert.Equal(expected[2..], TotpAuthenticator.Code(RfcSecret, at));
        Assert.Equal(unixSeconds / 30, TotpAuthenticator.Verify(RfcSecret, expected[2..], at, lastUsedStep: 0));
    }

    [Fact]
    public void A_code_of_one_step_either_way_is_accepted_and_two_steps_are_not()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);
        foreach (var (offset, accepted) in new[] { (-60, false), (-30, true), (0, true), (30, true), (60, false) })
        {
            var code = TotpAuthenticator.Code(RfcSecret, now.AddSeconds(offset));
            Assert.Equal(accepted, TotpAuthenticator.Verify(RfcSecret, code, now, lastUsedStep: 0) is not null);
        }
    }

    [Fact]
    public void A_step_already_used_is_not_accepted_again()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);
        var code = TotpAuthenticator.Code(RfcSecret, now);
        var step = TotpAuthenticator.Verify(RfcSecret, code, now, lastUsedStep: 0);

        Assert.NotNull(step);
        Assert.Null(TotpAuthenticator.Verify(RfcSecret, code, now, lastUsedStep: step.Value));
        // Nor the step before it, which the window would otherwise still accept.
        Assert.Null(TotpAuthenticator.Verify(RfcSecret, TotpAuthenticator.Code(RfcSecret, now.AddSeconds(-30)), now, step.Value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("abcdef")]
    public void Malformed_codes_are_refused(string code) =>
        Assert.Null(TotpAuthenticator.Verify(RfcSecret, code, DateTimeOffset.FromUnixTimeSeconds(59), lastUsedStep: 0));

    [Fact]
    public void Recovery_codes_are_ten_distinct_80_bit_codes_matched_regardless_of_dashes_and_case()
    {
        var codes = RecoveryCodes.Generate();

        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Matches("^[a-z2-7]{4}(-[a-z2-7]{4}){3}$", code));
        Assert.Equal(RecoveryCodes.Hash(codes[0]), RecoveryCodes.Hash(codes[0].Replace("-", "").ToUpperInvariant()));
        Assert.NotEqual(RecoveryCodes.Hash(codes[0]), RecoveryCodes.Hash(codes[1]));
    }
}
