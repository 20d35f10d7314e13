using System.Net.Http.Headers;
using System.Text;
using IamOps.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Notifications;

/// <summary>POSTs an outbox row's JSON body to its subscription's URL, signed with the subscription's secret.</summary>
public sealed class WebhookDelivery(IHttpClientFactory httpClients, IamOpsDb db, WebhookSecretProtector secrets, TimeProvider clock)
{
    public const string HttpClientName = "iamops-webhooks";

    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var subscription = await db.Set<WebhookSubscription>().IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(s => s.Id == message.WebhookSubscriptionId, ct)
            ?? throw new PermanentDeliveryException($"Webhook subscription {message.WebhookSubscriptionId} no longer exists.");
        var secret = secrets.Unprotect(subscription.ClientOrganisationId, subscription.ProtectedSecret);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();

        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(message.Body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(WebhookSignature.IdempotencyHeader, message.IdempotencyKey);
        request.Headers.Add(WebhookSignature.EventHeader, message.EventType);
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(secret, timestamp, message.Body));
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Webhook {subscription.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }
    }
}
