using System.Text.RegularExpressions;
using System.Web;
using MimeKit;

namespace Platform.Tests.Identity;

/// <summary>What tests read out of the account mails: the link, and the token in it.</summary>
public static partial class AccountMails
{
    public const string VerificationSubject = "Verify your email address";
    public const string ResetSubject = "Reset your password";

    public static Uri Link(MimeMessage mail) =>
        new(LinkPattern().Match(mail.TextBody ?? "") is { Success: true } match ? match.Value : throw new InvalidOperationException($"No link in: {mail.TextBody}"));

    public static string Token(MimeMessage mail) =>
        HttpUtility.ParseQueryString(Link(mail).Query)["token"] ?? throw new InvalidOperationException($"No token= in {Link(mail)}");

    /// <summary>The mails the embedded default wrote (no SMTP server configured) to <paramref name="address"/>.</summary>
    public static async Task<MimeMessage> WaitInDropFolderAsync(string dataDirectory, string address, string subject) =>
        await Eventually.Until(() => Task.FromResult(DropFolder(dataDirectory).FirstOrDefault(m =>
                m.Subject == subject && m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))),
            mail => mail is not null, TimeSpan.FromSeconds(30), $"'{subject}' to {address} in the mail folder") ?? throw new InvalidOperationException();

    public static IEnumerable<MimeMessage> DropFolder(string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, "mail");
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.eml").Select(path => MimeMessage.Load(path)) : [];
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
