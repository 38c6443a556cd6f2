using MimeKit;

namespace Api.Identity.Mail;

/// <summary>Where composed mails go: an SMTP server (<see cref="SmtpMailTransport"/>) or, without one, a folder (<see cref="MailDropFolder"/>).</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
