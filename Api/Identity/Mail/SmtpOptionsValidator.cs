using Microsoft.Extensions.Options;
using MimeKit;

namespace Api.Identity.Mail;

/// <summary>Lists every unusable Smtp setting at start, each with the key to fix, instead of failing each mail later.</summary>
internal sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        var failures = new List<string>();
        var section = SmtpOptions.SectionName;
        if (!MailboxAddress.TryParse(options.From, out _))
            failures.Add($"{section}:From must be an address or 'Name <address>' ('{options.From}' is not).");
        if (string.IsNullOrEmpty(options.Username) != string.IsNullOrEmpty(options.Password))
            failures.Add($"{section}:Username and {section}:Password go together: set both or neither.");
        if (options.Timeout <= TimeSpan.Zero)
            failures.Add($"{section}:Timeout must be positive.");
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
