using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using IamOps.Server.Modules.Clusters;
using Microsoft.Extensions.Options;

namespace IamOps.Server.Modules.Configuration.Keycloak;

/// <summary>Typed access to one Keycloak's Admin REST API (Keycloak 17+ paths, with the base URL's relative path if any).</summary>
public sealed class KeycloakAdminClient(HttpClient http, KeycloakEndpoint endpoint, KeycloakTokenCache tokens, KeycloakClientOptions options)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public KeycloakEndpoint Endpoint => endpoint;

    public Task<List<RealmRepresentation>> GetRealmsAsync(CancellationToken ct) => GetAsync<List<RealmRepresentation>>("admin/realms", ct);

    public Task<RealmRepresentation> GetRealmAsync(string realm, CancellationToken ct) => GetAsync<RealmRepresentation>(R(realm), ct);

    /// <summary>All clients of the realm, read page by page (<c>first</c>/<c>max</c>) with a bounded number of pages in flight.</summary>
    public async Task<List<ClientRepresentation>> GetClientsAsync(string realm, CancellationToken ct)
    {
        var size = options.ClientPageSize;
        var all = new List<ClientRepresentation>();
        for (var first = 0; ; first += size * options.MaxConcurrentRequests)
        {
            var pages = await Task.WhenAll(Enumerable.Range(0, options.MaxConcurrentRequests).Select(i =>
                GetClientsPageAsync(realm, first + (i * size), size, ct)));
            foreach (var page in pages)
            {
                all.AddRange(page);
                if (page.Count < size)
                {
                    return all;
                }
            }
        }
    }

    public Task<List<ClientRepresentation>> GetClientsPageAsync(string realm, int first, int max, CancellationToken ct) =>
        GetAsync<List<ClientRepresentation>>($"{R(realm)}/clients?first={first}&max={max}", ct);

    public Task<List<ClientRepresentation>> FindClientsAsync(string realm, string clientId, CancellationToken ct) =>
        GetAsync<List<ClientRepresentation>>($"{R(realm)}/clients?clientId={Uri.EscapeDataString(clientId)}", ct);

    public Task<ClientRepresentation> GetClientAsync(string realm, string id, CancellationToken ct) =>
        GetAsync<ClientRepresentation>($"{R(realm)}/clients/{Uri.EscapeDataString(id)}", ct);

    public Task<CredentialRepresentation> GetClientSecretAsync(string realm, string id, CancellationToken ct) =>
        GetAsync<CredentialRepresentation>($"{R(realm)}/clients/{Uri.EscapeDataString(id)}/client-secret", ct);

    public Task<List<ClientScopeRepresentation>> GetClientScopesAsync(string realm, CancellationToken ct) =>
        GetAsync<List<ClientScopeRepresentation>>($"{R(realm)}/client-scopes", ct);

    public Task<List<IdentityProviderRepresentation>> GetIdentityProvidersAsync(string realm, CancellationToken ct) =>
        GetAsync<List<IdentityProviderRepresentation>>($"{R(realm)}/identity-provider/instances", ct);

    public Task<List<AuthenticationFlowRepresentation>> GetAuthenticationFlowsAsync(string realm, CancellationToken ct) =>
        GetAsync<List<AuthenticationFlowRepresentation>>($"{R(realm)}/authentication/flows", ct);

    public Task<List<RequiredActionProviderRepresentation>> GetRequiredActionsAsync(string realm, CancellationToken ct) =>
        GetAsync<List<RequiredActionProviderRepresentation>>($"{R(realm)}/authentication/required-actions", ct);

    /// <summary>Components of the realm, optionally of one type (e.g. org.keycloak.keys.KeyProvider, org.keycloak.storage.UserStorageProvider).</summary>
    public Task<List<ComponentRepresentation>> GetComponentsAsync(string realm, string? type, CancellationToken ct) =>
        GetAsync<List<ComponentRepresentation>>($"{R(realm)}/components{(type is null ? "" : "?type=" + Uri.EscapeDataString(type))}", ct);

    public Task<KeysMetadataRepresentation> GetKeysAsync(string realm, CancellationToken ct) =>
        GetAsync<KeysMetadataRepresentation>($"{R(realm)}/keys", ct);

    public Task<RealmEventsConfigRepresentation> GetEventsConfigAsync(string realm, CancellationToken ct) =>
        GetAsync<RealmEventsConfigRepresentation>($"{R(realm)}/events/config", ct);

    public Task<List<RoleRepresentation>> GetRolesAsync(string realm, CancellationToken ct) =>
        GetAsync<List<RoleRepresentation>>($"{R(realm)}/roles", ct);

    public Task<List<GroupRepresentation>> GetGroupsAsync(string realm, CancellationToken ct) =>
        GetAsync<List<GroupRepresentation>>($"{R(realm)}/groups", ct);

    /// <summary>GET users/count: Keycloak answers a bare number.</summary>
    public Task<long> GetUserCountAsync(string realm, CancellationToken ct) => GetAsync<long>($"{R(realm)}/users/count", ct);

    public Task<ServerInfoRepresentation> GetServerInfoAsync(CancellationToken ct) => GetAsync<ServerInfoRepresentation>("admin/serverinfo", ct);

    private static string R(string realm) => $"admin/realms/{Uri.EscapeDataString(realm)}";

    private async Task<T> GetAsync<T>(string relative, CancellationToken ct)
    {
        var token = await TokenAsync(ct);
        using var response = await SendAsync(HttpMethod.Get, relative, token, ct);
        if (response.StatusCode == HttpStatusCode.Unauthorized && tokens.Get(endpoint) == token)
        {
            // A cached token can be revoked (or the server restarted) before its expiry: get a fresh one, once.
            tokens.Forget(endpoint);
            token = await TokenAsync(ct);
            using var retried = await SendAsync(HttpMethod.Get, relative, token, ct);
            return await ReadAsync<T>(retried, "GET", relative, ct);
        }
        return await ReadAsync<T>(response, "GET", relative, ct);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string relative, string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, Url(relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await TransportAsync(() => http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct), method.Method, relative, ct);
    }

    private async Task<string> TokenAsync(CancellationToken ct)
    {
        if (tokens.Get(endpoint) is { } cached)
        {
            return cached;
        }
        var form = new Dictionary<string, string> { ["client_id"] = endpoint.ClientId };
        if (endpoint.Grant == KeycloakGrant.Password)
        {
            form["grant_type"] = "password";
            form["username"] = endpoint.Username ?? "";
            form["password"] = endpoint.Secret ?? "";
        }
        else
        {
            form["grant_type"] = "client_credentials";
            form["client_secret"] = endpoint.Secret ?? "";
        }
        var path = $"realms/{Uri.EscapeDataString(endpoint.AuthRealm)}/protocol/openid-connect/token";
        using var response = await TransportAsync(async () =>
        {
            using var content = new FormUrlEncodedContent(form);
            return await http.PostAsync(Url(path), content, ct);
        }, "POST", path, ct);
        var body = await ReadAsync<TokenResponse>(response, "POST", path, ct);
        if (string.IsNullOrEmpty(body.AccessToken))
        {
            throw new KeycloakApiException(response.StatusCode, $"POST /{path}", null,
                $"Keycloak's token endpoint /{path} answered without an access_token; check the base URL points at Keycloak.");
        }
        tokens.Put(endpoint, body.AccessToken, body.ExpiresIn ?? 60);
        return body.AccessToken;
    }

    private Uri Url(string relative) => new($"{endpoint.BaseUrl.AbsoluteUri.TrimEnd('/')}/{relative}");

    private async Task<HttpResponseMessage> TransportAsync(Func<Task<HttpResponseMessage>> send, string method, string relative, CancellationToken ct)
    {
        try
        {
            return await send();
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
            || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            var request = $"{method} /{relative.Split('?')[0]}";
            throw new KeycloakApiException(null, request, null,
                $"Keycloak at {endpoint.BaseUrl} did not answer {request} ({e.Message}); check the URL and that the server is up.", e);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, string method, string relative, CancellationToken ct)
    {
        var request = $"{method} /{relative.Split('?')[0]}";
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            var error = ErrorText(text);
            throw new KeycloakApiException(response.StatusCode, request, error, KeycloakApiException.Explain(response.StatusCode, request, error));
        }
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            return await JsonSerializer.DeserializeAsync<T>(stream, Json, ct)
                ?? throw new KeycloakApiException(response.StatusCode, request, null, $"Keycloak answered null to {request}.");
        }
        catch (JsonException e)
        {
            throw new KeycloakApiException(response.StatusCode, request, null,
                $"Keycloak's answer to {request} is not the expected JSON ({e.Message}); check the base URL points at Keycloak's Admin API.", e);
        }
    }

    private static string? ErrorText(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }
        try
        {
            var error = JsonSerializer.Deserialize<KeycloakErrorBody>(body, Json);
            var parts = new[] { error?.Error, error?.ErrorDescription, error?.ErrorMessage }.Where(p => !string.IsNullOrEmpty(p));
            var text = string.Join(": ", parts);
            return text.Length > 0 ? text : Trim(body);
        }
        catch (JsonException)
        {
            return Trim(body);
        }
    }

    private static string Trim(string text) => text.Length <= 300 ? text : text[..300] + "…";
}

/// <summary>Creates the Admin API client of a cluster's Keycloak.</summary>
public sealed class KeycloakAdminClientFactory(IHttpClientFactory factory, KeycloakTokenCache tokens, IOptions<KeycloakClientOptions> options)
{
    public const string HttpClientName = "keycloak-admin";

    public KeycloakAdminClient Create(KeycloakEndpoint endpoint) =>
        new(factory.CreateClient(HttpClientName), endpoint, tokens, options.Value);
}
