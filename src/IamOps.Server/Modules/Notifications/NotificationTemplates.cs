using System.Text;
using IamOps.Server.Modules.Platform;
using Microsoft.Extensions.Options;

namespace IamOps.Server.Modules.Notifications;

/// <summary>Subject and texts of one event type. Placeholders: <c>{subject}</c>, <c>{body}</c>, <c>{link}</c>, <c>{client}</c>,
/// <c>{party}</c>, <c>{eventType}</c>, <c>{activityKey}</c>.</summary>
public sealed class NotificationTemplate
{
    public string Subject { get; set; } = "[IamOps] {subject}";

    public string EmailBody { get; set; } = "{body}\n\nClient: {client}\nOpen: {link}\n\n-- \nIamOps notification ({eventType}) for {party}.";

    /// <summary>The <c>text</c> of the webhook payload.</summary>
    public string WebhookText { get; set; } = "{body}";
}

/// <summary>The rendered texts of one notification.</summary>
public sealed record RenderedNotification(string Subject, string EmailBody, string WebhookText, string? Link);

/// <summary>Picks the template of an event type (configured, built-in, or the default) and fills it in.</summary>
public sealed class NotificationTemplates(IOptions<NotificationOptions> options)
{
    /// <summary>Event type of a message that names none.</summary>
    public const string DefaultEventType = "notification";

    private static readonly Dictionary<string, NotificationTemplate> BuiltIn = new(StringComparer.OrdinalIgnoreCase)
    {
        ["incident.opened"] = new()
        {
            Subject = "[IamOps] Incident opened: {subject}",
            EmailBody = "An incident was opened for {client}.\n\n{body}\n\nFollow it: {link}\n\n-- \nIamOps incident management.",
        },
        ["incident.escalated"] = new()
        {
            Subject = "[IamOps] ESCALATION: {subject}",
            EmailBody = "You are on the escalation list of {client} for this incident, which has not been acknowledged.\n\n{body}\n\nAcknowledge: {link}\n\n-- \nIamOps incident management.",
        },
        ["incident.resolved"] = new()
        {
            Subject = "[IamOps] Incident resolved: {subject}",
            EmailBody = "The incident is resolved.\n\n{body}\n\nDetails: {link}\n\n-- \nIamOps incident management.",
        },
        ["sla.warning"] = new()
        {
            Subject = "[IamOps] SLA warning: {subject}",
            EmailBody = "A service-level clock of {client} is close to its target.\n\n{body}\n\n{link}",
        },
        ["sla.breached"] = new()
        {
            Subject = "[IamOps] SLA BREACHED: {subject}",
            EmailBody = "A service-level target of {client} was missed.\n\n{body}\n\n{link}",
        },
        ["change.scheduled"] = new()
        {
            Subject = "[IamOps] Change scheduled: {subject}",
        },
        ["backup.failed"] = new()
        {
            Subject = "[IamOps] Backup problem: {subject}",
        },
    };

    private static readonly NotificationTemplate Default = new();

    public NotificationTemplate For(string eventType) =>
        options.Value.Templates.TryGetValue(eventType, out var configured) ? configured
        : BuiltIn.TryGetValue(eventType, out var builtIn) ? builtIn
        : Default;

    public RenderedNotification Render(NotificationMessage message, string eventType, string clientName)
    {
        ArgumentNullException.ThrowIfNull(message);
        var template = For(eventType);
        var link = message.Link is null ? null : (options.Value.PublicBaseUrl?.TrimEnd('/') ?? "") + message.Link;
        string Fill(string text) => new StringBuilder(text)
            .Replace("{subject}", message.Subject)
            .Replace("{body}", message.Body)
            .Replace("{link}", link ?? "(no link)")
            .Replace("{client}", clientName)
            .Replace("{party}", message.Recipient == Party.Provider ? "the provider (CLOUD-IAM)" : clientName)
            .Replace("{eventType}", eventType)
            .Replace("{activityKey}", message.ActivityKey ?? "")
            .ToString();
        return new RenderedNotification(Fill(template.Subject).ReplaceLineEndings(" "), Fill(template.EmailBody), Fill(template.WebhookText), link);
    }
}
