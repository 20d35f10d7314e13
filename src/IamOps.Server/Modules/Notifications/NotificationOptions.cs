using System.ComponentModel.DataAnnotations;
using IamOps.Server.Modules.Platform;

namespace IamOps.Server.Modules.Notifications;

/// <summary>Settings of e-mail, webhooks and the outbox dispatcher (section <c>Notifications</c>).</summary>
public sealed class NotificationOptions
{
    /// <summary>Prefix of the links put in e-mails (e.g. <c>https://iamops.example.com</c>); links stay relative without it.</summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    /// <summary>Roles of the provider's users who receive its e-mails when a message names no address.</summary>
    public List<string> ProviderEmailRoles { get; set; } = [Roles.ProviderOperator, Roles.ProviderManager];

    /// <summary>Roles of a client's users who receive its e-mails (viewers only read the application).</summary>
    public List<string> ClientEmailRoles { get; set; } = [Roles.ClientAdmin, Roles.ClientContact];

    [Required]
    public SmtpOptions Smtp { get; set; } = new();

    [Required]
    public DispatcherOptions Dispatcher { get; set; } = new();

    /// <summary>Templates per event type, over the built-in ones (see <see cref="NotificationTemplates"/>).</summary>
    public Dictionary<string, NotificationTemplate> Templates { get; set; } = [];
}

/// <summary>How MailKit reaches the SMTP server. Without a host, no e-mail is queued.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>None, Auto, StartTls (required), StartTlsWhenAvailable or SslOnConnect.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTlsWhenAvailable;

    public string? UserName { get; set; }

    /// <summary>A secret: set it through an environment variable or user secrets; it is never logged.</summary>
    public string? Password { get; set; }

    [Required, MaxLength(320)]
    public string From { get; set; } = "IamOps <notifications@iamops.local>";

    /// <summary>Right-hand side of the Message-Id, whose left-hand side is the delivery's idempotency key.</summary>
    [Required, MaxLength(200)]
    public string MessageIdDomain { get; set; } = "iamops.local";

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    public override string ToString() => $"{Host}:{Port} ({Security}{(UserName is null ? "" : ", user " + UserName)})";
}

public enum SmtpSecurity
{
    None,
    Auto,
    StartTls,
    StartTlsWhenAvailable,
    SslOnConnect,
}

/// <summary>How the outbox is drained.</summary>
public sealed class DispatcherOptions
{
    /// <summary>Run the background dispatcher (tests switch it off and call <see cref="OutboxDispatcher.DispatchDueAsync"/>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Wait before the first dispatch after start-up.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan StartDelay { get; set; } = TimeSpan.Zero;

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Attempts (each with its in-process retries) before a delivery becomes a dead letter.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait after the first failed attempt; doubled after each further one, up to <see cref="MaxBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Quick retries (Polly) inside one attempt, for a dropped connection or a blip.</summary>
    [Range(0, 10)]
    public int InProcessRetries { get; set; } = 2;

    /// <summary>Time limit of one try (connect, authenticate, send), enforced by Polly.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a claimed row stays with its dispatcher before another may take it over (a crashed instance's rows).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Outcomes committed per database transaction; after a crash at most this many deliveries are sent again
    /// (same idempotency keys). 1 records each delivery on its own, at the cost of a commit per message.</summary>
    [Range(1, 1000)]
    public int RecordEvery { get; set; } = 20;

    /// <summary>Wait after the given number of failed attempts.</summary>
    public TimeSpan BackoffAfter(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var ticks = Math.Min(InitialBackoff.Ticks * factor, MaxBackoff.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
