using System.Net.Http.Json;
using System.Text.Json;

namespace IamOps.Server.Tests.Raci;

/// <summary>Small reads the RACI, intervention and quote tests share.</summary>
public static class RaciApi
{
    public static async Task<Guid> OwnOrganisationIdAsync(this HttpClient client, CancellationToken ct) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/me", ct)).GetProperty("organisationId").GetGuid();

    public static async Task<Guid> OrganisationIdAsync(this HttpClient provider, string slug, CancellationToken ct)
    {
        var orgs = await provider.GetFromJsonAsync<JsonElement>("/api/v1/organisations", ct);
        return orgs.EnumerateArray().Single(o => o.GetProperty("slug").GetString() == slug).GetProperty("id").GetGuid();
    }

    /// <summary>The (single) contract of a client, read by one of its users.</summary>
    public static async Task<Guid> OwnContractIdAsync(this HttpClient client, CancellationToken ct)
    {
        var contracts = await client.GetFromJsonAsync<JsonElement>("/api/v1/contracts", ct);
        return contracts.EnumerateArray().Single().GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, CancellationToken ct) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(ct);

    public static string[] Strings(this JsonElement array) =>
        [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
