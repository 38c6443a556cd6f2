using System.Buffers;
using System.Collections.Concurrent;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Platform.Tests.Infrastructure;

/// <summary>
/// A real SMTP server (the SmtpServer library) on a loopback port, keeping every mail it receives, so tests see the
/// platform's mail as a mail server would: over TCP, through MailKit, as MIME.
/// </summary>
public sealed class MailCatcher : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public MailCatcher()
    {
        Port = FreePort.Next();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(_received));
        var server = new SmtpServer.SmtpServer(options, services);
        _serving = server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>Settings that point the platform at this server.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Port.ToString(),
        ["Smtp:Security"] = "None",
        ["Smtp:From"] = "Platform <accounts@platform.test>",
    };

    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. _received.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>The <paramref name="count"/>th mail to <paramref name="address"/> with this subject, once it has arrived.</summary>
    public async Task<MimeMessage> WaitForAsync(string address, string subject, int count = 1)
    {
        var mails = await Eventually.Until(() => Task.FromResult(To(address).Where(m => m.Subject == subject).ToList()),
            found => found.Count >= count, TimeSpan.FromSeconds(30), $"mail {count} '{subject}' to {address}");
        return mails[count - 1];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _serving; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
