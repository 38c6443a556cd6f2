using Api.Identity.Mail;

namespace Platform.Tests.Identity.Accounts;

public sealed class SmtpSettingsTests
{
    [Fact]
    public void Unusable_settings_are_listed_each_with_its_key()
    {
        var result = new SmtpOptionsValidator().Validate(null, new SmtpOptions { From = "not an address", Username = "mailer", Timeout = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Smtp:From", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Smtp:Username and Smtp:Password", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Smtp:Timeout", StringComparison.Ordinal));
    }

    [Fact]
    public void The_defaults_are_usable_and_the_port_follows_the_security()
    {
        Assert.True(new SmtpOptionsValidator().Validate(null, new SmtpOptions()).Succeeded);
        Assert.Equal([25, 587, 465], new[] { SmtpSecurity.None, SmtpSecurity.StartTls, SmtpSecurity.Tls }.Select(s => new SmtpOptions { Security = s }.EffectivePort));
        Assert.Equal(2525, new SmtpOptions { Port = 2525, Security = SmtpSecurity.Tls }.EffectivePort);
    }
}
