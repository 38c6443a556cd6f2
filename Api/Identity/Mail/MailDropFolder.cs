using MimeKit;

namespace Api.Identity.Mail;

/// <summary>
/// The embedded default's mail: with no SMTP server configured, each mail is written as an <c>.eml</c> file (any mail
/// program opens it) under <c>{Storage:DataDirectory}/mail/</c>, and its path logged, so links can be followed locally.
/// </summary>
internal sealed partial class MailDropFolder(string folder, TimeProvider clock, ILogger<MailDropFolder> logger) : IMailTransport
{
    public string Folder { get; } = folder;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        // The mails carry sign-in secrets: only the platform's own user may read them.
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(Folder);
        else
            Directory.CreateDirectory(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var name = $"{clock.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid():N}.eml";
        var path = Path.Combine(Folder, name);
        // Written aside and renamed, so a reader of the folder never sees half a mail.
        var partial = path + ".partial";
        await message.WriteToAsync(partial, cancellationToken);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(partial, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(partial, path);
        LogWritten(string.Join(", ", message.To.Mailboxes.Select(m => m.Address)), path);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No SMTP server configured (Smtp:Host): mail to {Recipients} written to {Path}")]
    private partial void LogWritten(string recipients, string path);
}
