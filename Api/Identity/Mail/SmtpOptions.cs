using System.ComponentModel.DataAnnotations;

namespace Api.Identity.Mail;

public enum SmtpSecurity
{
    /// <summary>Plain SMTP: only for a relay on the same host or network.</summary>
    None,
    /// <summary>Plain connection upgraded with STARTTLS, which the server must offer (port 587).</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    Tls,
}

/// <summary>The "Smtp" configuration section. Without <see cref="Host"/> mails are written to the data folder instead of sent.</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Smtp";

    public string? Host { get; set; }

    /// <summary>0 picks the usual port of <see cref="Security"/>: 25, 587 or 465.</summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? Username { get; set; }

    [Redact] public string? Password { get; set; }

    /// <summary>The sender, as an address or <c>Name &lt;address&gt;</c>.</summary>
    public string From { get; set; } = "Platform <no-reply@localhost>";

    /// <summary>How long one attempt to hand a mail to the server may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public int EffectivePort => Port != 0 ? Port : Security switch
    {
        SmtpSecurity.None => 25,
        SmtpSecurity.Tls => 465,
        _ => 587,
    };
}
