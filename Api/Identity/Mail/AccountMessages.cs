using Grains.Interfaces.Identity;
using MimeKit;

namespace Api.Identity.Mail;

/// <summary>The wording of the account mails. Each carries its single-use token in a link's <c>token=</c> parameter.</summary>
internal static class AccountMessages
{
    public const string VerificationPath = "/auth/verify-email";
    public const string PasswordResetPath = "/auth/password/reset";

    public static MimeMessage Verification(MailboxAddress from, MailToken token, Uri publicBase, TimeSpan validFor) => Compose(
        from, token, "Verify your email address",
        $"""
        Hello{Greeting(token)},

        please confirm that this is your email address by opening this link within {Hours(validFor)}:

        {Link(publicBase, VerificationPath, token)}

        If you did not create an account, you can ignore this mail.
        """);

    public static MimeMessage PasswordReset(MailboxAddress from, MailToken token, Uri publicBase, TimeSpan validFor) => Compose(
        from, token, "Reset your password",
        $"""
        Hello{Greeting(token)},

        someone asked to reset the password of your account. To choose a new one, open this link within {Minutes(validFor)}:

        {Link(publicBase, PasswordResetPath, token)}

        Setting a new password signs you out everywhere. If you did not ask for this, you can ignore this mail:
        your password stays as it is.
        """);

    public static string Link(Uri publicBase, string path, MailToken token) =>
        new Uri(publicBase, path + "?token=" + Uri.EscapeDataString(token.Token)).ToString();

    private static MimeMessage Compose(MailboxAddress from, MailToken token, string subject, string text)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = text } };
        message.From.Add(from);
        message.To.Add(new MailboxAddress(token.FullName ?? "", token.Email));
        return message;
    }

    private static string Greeting(MailToken token) => token.FullName is { } name ? " " + name : "";

    private static string Hours(TimeSpan validFor) => validFor.TotalHours >= 2 ? $"{validFor.TotalHours:0} hours" : Minutes(validFor);

    private static string Minutes(TimeSpan validFor) => $"{Math.Max(1, validFor.TotalMinutes):0} minutes";
}
