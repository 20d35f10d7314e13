using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Server.Modules.Incidents;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Tests.Infrastructure;
using IamOps.Server.Tests.Raci;
using Microsoft.Extensions.DependencyInjection;

namespace IamOps.Server.Tests.Incidents;

/// <summary>Small helpers the incident tests share.</summary>
internal static class IncidentApi
{
    public static async Task<Guid> ClusterIdAsync(this HttpClient client, string name, CancellationToken ct)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/clusters?pageSize=200", ct);
        return page.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
    }

    /// <summary>Opens an incident for Acme as the provider's operator; returns the incident as JSON.</summary>
    public static async Task<JsonElement> OpenForAcmeAsync(this HttpClient provider, string severity, CancellationToken ct, string? title = null)
    {
        var acme = await provider.OrganisationIdAsync("acme", ct);
        var cluster = await provider.ClusterIdAsync("acme-prod", ct);
        var response = await provider.PostAsJsonAsync("/api/v1/incidents", new
        {
            clientOrganisationId = acme, title = title ?? $"Login errors {Guid.NewGuid():N}", severity, clusterIds = new[] { cluster },
        }, ct);
        response.EnsureSuccessStatusCode();
        return await response.JsonAsync(ct);
    }

    public static async Task<JsonElement> GetIncidentAsync(this HttpClient client, Guid id, CancellationToken ct) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{id}", ct);

    public static Guid Id(this JsonElement incident) => incident.GetProperty("id").GetGuid();

    public static string[] TimelineKinds(this JsonElement incident) =>
        [.. incident.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()!)];

    /// <summary>Runs one SLA sweep as the background worker would, at the app's current fake time.</summary>
    public static async Task<SlaSweepResult> SweepAsync(this IamOpsApp app, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        return await scope.ServiceProvider.GetRequiredService<SlaSweeper>().SweepAsync(app.Clock.GetUtcNow(), ct);
    }
}
