using System.Threading.Channels;
using Grains.Interfaces.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Api.Identity.Mail;

/// <summary>
/// Sends the account mails after the request that asked for them has been answered: a request for a password reset
/// then answers in the same time whether or not the account exists, and a slow mail server slows no request. The
/// queue is in memory; a mail not yet sent when the node stops is lost, and the user asks again (the links are
/// single-use and short-lived anyway). A failed hand-over to the server is tried again with backoff.
/// </summary>
public sealed partial class AccountMailer(
    IGrainFactory grains,
    IMailTransport transport,
    IOptions<SmtpOptions> smtp,
    IOptions<AuthOptions> auth,
    IServer server,
    TimeProvider clock,
    ILogger<AccountMailer> logger) : BackgroundService
{
    private const int MaxQueued = 10_000;
    private const int Attempts = 4;
    private const int ConcurrentSends = 4;

    private readonly Channel<AccountMail> _queue = Channel.CreateBounded<AccountMail>(
        new BoundedChannelOptions(MaxQueued) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Queues a mail; false when the queue is full (the mail server has been failing for a long time).</summary>
    public bool Enqueue(AccountMail mail)
    {
        if (_queue.Writer.TryWrite(mail))
            return true;
        LogQueueFull(mail.GetType().Name);
        return false;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Parallel.ForEachAsync(_queue.Reader.ReadAllAsync(stoppingToken),
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrentSends, CancellationToken = stoppingToken },
            async (mail, cancellation) =>
            {
                try
                {
                    if (await ComposeAsync(mail) is { } message)
                        await SendWithRetriesAsync(message, cancellation);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(e, mail.GetType().Name);
                }
            });

    private async Task<MimeMessage?> ComposeAsync(AccountMail mail)
    {
        var from = MailboxAddress.Parse(smtp.Value.From);
        switch (mail)
        {
            case AccountMail.Verification(var userId):
                return await grains.GetGrain<IUserGrain>(userId).IssueEmailVerificationAsync() is { } verification
                    ? AccountMessages.Verification(from, verification, PublicBaseUrl(), verification.ExpiresAt - clock.GetUtcNow())
                    : null;
            case AccountMail.PasswordReset(var email):
                return await grains.GetGrain<IAccountsGrain>(0).IssuePasswordResetAsync(email) is { } reset
                    ? AccountMessages.PasswordReset(from, reset, PublicBaseUrl(), reset.ExpiresAt - clock.GetUtcNow())
                    : null;
            default:
                throw new ArgumentOutOfRangeException(nameof(mail), mail, "Not an account mail.");
        }
    }

    private async Task SendWithRetriesAsync(MimeMessage message, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await transport.SendAsync(message, cancellation);
                return;
            }
            // A timed-out attempt is cancelled too; only the host stopping ends the retries early.
            catch (Exception e) when (attempt < Attempts && !cancellation.IsCancellationRequested)
            {
                var backoff = TimeSpan.FromSeconds(Math.Pow(4, attempt));
                LogRetrying(e, message.Subject ?? "", attempt, backoff);
                await Task.Delay(backoff, clock, cancellation);
            }
        }
    }

    /// <summary>
    /// <c>Auth:PublicBaseUrl</c>, else the address this node listens on. Never the request's Host header: whoever sends
    /// the request chooses it, and a reset link pointing at their server would hand them the token.
    /// </summary>
    private Uri PublicBaseUrl()
    {
        if (auth.Value.PublicBaseUrl is { } configured)
            return configured;
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
        var address = new UriBuilder(listening.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        if (address.Host is "0.0.0.0" or "[::]" or "::")
            address.Host = "localhost";
        return address.Uri;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The account mail queue is full: a {Mail} mail was not sent")]
    private partial void LogQueueFull(string mail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending the mail '{Subject}' failed (attempt {Attempt}); trying again in {Backoff}")]
    private partial void LogRetrying(Exception exception, string subject, int attempt, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Mail} mail could not be sent")]
    private partial void LogFailed(Exception exception, string mail);
}
