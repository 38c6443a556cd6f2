using Grains.Identity;

namespace Platform.Tests.Identity;

public sealed class PasswordHasherTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public void A_hash_is_a_PHC_string_naming_argon2id_and_its_parameters()
    {
        var hash = PasswordHasher.Hash(Password);

        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", hash);
        var parts = hash.Split('$');
        Assert.Equal(6, parts.Length);
        Assert.Equal(16, Convert.FromBase64String(parts[4] + "==").Length);
        Assert.Equal(32, Convert.FromBase64String(parts[5] + "=").Length);
        Assert.DoesNotContain(Password, hash);
    }

    [Fact]
    public void Each_hash_gets_its_own_salt() => Assert.NotEqual(PasswordHasher.Hash(Password), PasswordHasher.Hash(Password));

    [Fact]
    public void Verify_accepts_the_password_and_nothing_else()
    {
        var hash = PasswordHasher.Hash(Password);
        Assert.True(PasswordHasher.Verify(Password, hash, out var needsRehash));
        Assert.False(needsRehash);
        Assert.False(PasswordHasher.Verify(Password + " ", hash, out _));
        Assert.False(PasswordHasher.Verify(Password.ToUpperInvariant(), hash, out _));
    }

    [Fact]
    public void A_hash_with_weaker_parameters_still_verifies_and_asks_to_be_replaced()
    {
        var weak = PasswordHasher.Hash(Password, new Argon2Parameters(8192, 1, 1));
        Assert.StartsWith("$argon2id$v=19$m=8192,t=1,p=1$", weak);
        Assert.True(PasswordHasher.Verify(Password, weak, out var needsRehash));
        Assert.True(needsRehash);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain text")]
    [InlineData("$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA")]
    [InlineData("$argon2id$v=19$m=x,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA")]
    [InlineData("$argon2id$v=19$m=19456,t=2$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$not base64!$aGFzaA")]
    public void Malformed_hashes_never_verify(string hash) => Assert.False(PasswordHasher.Verify(Password, hash, out _));
}
