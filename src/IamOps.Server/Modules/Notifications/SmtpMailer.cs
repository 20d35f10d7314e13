using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace IamOps.Server.Modules.Notifications;

/// <summary>Sends outbox e-mails over one SMTP connection (MailKit), opened on first use and kept for the batch.</summary>
public sealed class SmtpMailer(SmtpOptions options, TimeSpan timeout) : IAsyncDisposable
{
    private SmtpClient? _client;

    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mail = Compose(message, options);
        var client = await ConnectedAsync(ct);
        try
        {
            await client.SendAsync(mail, ct);
        }
        catch
        {
            // A connection in an unknown state is not reused.
            await DropAsync();
            throw;
        }
    }

    /// <summary>The MIME message of an outbox row; its Message-Id is derived from the idempotency key, so a resend is recognisable.</summary>
    public static MimeMessage Compose(OutboxMessage message, SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);
        var mail = new MimeMessage
        {
            MessageId = $"{message.IdempotencyKey}@{options.MessageIdDomain}",
            Subject = message.Subject,
            Date = message.CreatedAt,
            Body = new TextPart("plain") { Text = message.Body },
        };
        mail.From.Add(MailboxAddress.Parse(options.From));
        mail.To.Add(MailboxAddress.Parse(message.Destination));
        mail.Headers.Add("X-IamOps-Event", message.EventType);
        mail.Headers.Add("X-IamOps-Idempotency-Key", message.IdempotencyKey);
        return mail;
    }

    public static SecureSocketOptions Socket(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.Auto => SecureSocketOptions.Auto,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
    };

    public async ValueTask DisposeAsync() => await DropAsync(quit: true);

    private async Task<SmtpClient> ConnectedAsync(CancellationToken ct)
    {
        if (_client is { IsConnected: true } connected)
        {
            return connected;
        }
        await DropAsync();
        var client = new SmtpClient { Timeout = (int)timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(options.Host ?? throw new InvalidOperationException("Notifications:Smtp:Host is not set."), options.Port, Socket(options.Security), ct);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? "", ct);
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }
        _client = client;
        return client;
    }

    private async Task DropAsync(bool quit = false)
    {
        if (_client is not { } client)
        {
            return;
        }
        _client = null;
        try
        {
            if (quit && client.IsConnected)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.DisconnectAsync(true, cts.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SmtpProtocolException or ServiceNotConnectedException)
        {
            // Closing a connection that is already gone needs no report.
        }
        finally
        {
            client.Dispose();
        }
    }
}
