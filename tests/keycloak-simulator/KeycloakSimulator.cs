using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IamOps.KeycloakSimulator;

/// <summary>
/// A stand-in for Keycloak's token endpoint and read-only Admin REST API, on a free loopback port. It answers with the status
/// codes, JSON shapes, error bodies and content types captured from a real Keycloak 21.0.1 (../shared/keycloak-live).
/// </summary>
public sealed class KeycloakSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string Subject, bool Admin, DateTimeOffset Expires)> _tokens = new();
    private readonly ConcurrentDictionary<string, (string Realm, string Password, bool Admin)> _users = new();
    private readonly ConcurrentDictionary<string, (string Realm, string Secret, bool Admin)> _serviceAccounts = new();
    private readonly ConcurrentQueue<(string Contains, int Status)> _faults = new();

    private KeycloakSimulator(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentDictionary<string, SimulatedRealm> Realms { get; } = new(StringComparer.Ordinal);

    /// <summary>Every request received, as "METHOD /path?query".</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Access token lifespan in seconds (master's default is 60; Keycloak reports one second less once issued).</summary>
    public int AccessTokenLifespan { get; set; } = 60;

    /// <summary>Delay before every admin answer (to test timeouts).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>GET /admin/serverinfo answer; defaults to the captured one.</summary>
    public JsonNode ServerInfo { get; set; } = JsonNode.Parse(File.ReadAllText(KeycloakCaptures.LivePath("server", "admin-serverinfo.json")))!;

    public static async Task<KeycloakSimulator> StartAsync(CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var simulator = new KeycloakSimulator(app);
        app.Run(simulator.HandleAsync);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        simulator.BaseUrl = new Uri(address);
        return simulator;
    }

    /// <summary>A simulator serving master (captured) plus the given realms.</summary>
    public static async Task<KeycloakSimulator> StartWithMasterAsync(CancellationToken ct = default)
    {
        var simulator = await StartAsync(ct);
        simulator.AddRealm(SimulatedRealm.FromCaptures(KeycloakCaptures.LivePath("master")));
        simulator.AddUser("master", "admin", "admin", admin: true);
        return simulator;
    }

    public SimulatedRealm AddRealm(SimulatedRealm realm) => Realms[realm.Name] = realm;

    public void AddUser(string realm, string username, string password, bool admin) => _users[$"{realm}/{username}"] = (realm, password, admin);

    public void AddServiceAccount(string realm, string clientId, string secret, bool admin) =>
        _serviceAccounts[$"{realm}/{clientId}"] = (realm, secret, admin);

    /// <summary>The next request whose path contains <paramref name="pathContains"/> is answered with <paramref name="status"/>.</summary>
    public void FailNext(string pathContains, int status, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _faults.Enqueue((pathContains, status));
        }
    }

    /// <summary>Forgets every issued token (as a restart of Keycloak would).</summary>
    public void RevokeAllTokens() => _tokens.Clear();

    public int Count(string pathContains) => Requests.Count(r => r.Contains(pathContains, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        Requests.Enqueue($"{http.Request.Method} {path}{http.Request.QueryString}");
        if (TakeFault(path) is { } status)
        {
            // Keycloak's answer to an unexpected server error.
            await WriteAsync(http, status, new JsonObject { ["error"] = "unknown_error" });
            return;
        }
        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        if (segments is ["realms", var realm, "protocol", "openid-connect", "token"] && HttpMethods.IsPost(http.Request.Method))
        {
            await TokenAsync(http, realm);
            return;
        }
        if (segments is ["admin", ..])
        {
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, http.RequestAborted);
            }
            await AdminAsync(http, segments[1..]);
            return;
        }
        await WriteAsync(http, 404, new JsonObject { ["error"] = "HTTP 404 Not Found" });
    }

    private int? TakeFault(string path)
    {
        if (_faults.TryPeek(out var fault) && path.Contains(fault.Contains, StringComparison.Ordinal) && _faults.TryDequeue(out fault))
        {
            return fault.Status;
        }
        return null;
    }

    private async Task TokenAsync(HttpContext http, string realm)
    {
        if (!Realms.ContainsKey(realm))
        {
            // Not captured: Keycloak's RealmsResource answers an unknown realm with this body.
            await WriteAsync(http, 404, new JsonObject { ["error"] = "Realm does not exist" });
            return;
        }
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        string grant = form["grant_type"].ToString(), clientId = form["client_id"].ToString();
        (string Subject, bool Admin)? who = grant switch
        {
            "password" when _users.TryGetValue($"{realm}/{form["username"]}", out var u) && u.Password == form["password"] => ($"{realm}/{form["username"]}", u.Admin),
            "client_credentials" when _serviceAccounts.TryGetValue($"{realm}/{clientId}", out var s) && s.Secret == form["client_secret"] => ($"{realm}/service-account-{clientId}", s.Admin),
            _ => null,
        };
        if (grant is not ("password" or "client_credentials"))
        {
            await WriteAsync(http, 400, new JsonObject { ["error"] = "unsupported_grant_type", ["error_description"] = "Unsupported grant_type" });
            return;
        }
        if (who is null)
        {
            // The password-grant body is captured (errors/error-401-token-invalid-grant.json); the client-credentials one is not.
            await WriteAsync(http, 401, grant == "password"
                ? new JsonObject { ["error"] = "invalid_grant", ["error_description"] = "Invalid user credentials" }
                : new JsonObject { ["error"] = "unauthorized_client", ["error_description"] = "Invalid client or Invalid client credentials" });
            return;
        }
        var token = "sim." + Convert.ToHexString(Guid.NewGuid().ToByteArray());
        _tokens[token] = (who.Value.Subject, who.Value.Admin, DateTimeOffset.UtcNow.AddSeconds(AccessTokenLifespan));
        await WriteAsync(http, 200, new JsonObject
        {
            ["access_token"] = token,
            ["expires_in"] = AccessTokenLifespan - 1,
            ["refresh_expires_in"] = 1800,
            ["refresh_token"] = "sim-refresh." + Guid.NewGuid(),
            ["token_type"] = "Bearer",
            ["not-before-policy"] = 0,
            ["session_state"] = Guid.NewGuid().ToString(),
            ["scope"] = "profile email",
        });
    }

    private async Task AdminAsync(HttpContext http, string[] path)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var bearer = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : null;
        if (bearer is null || !_tokens.TryGetValue(bearer, out var token) || token.Expires <= DateTimeOffset.UtcNow)
        {
            await WriteAsync(http, 401, new JsonObject { ["error"] = "HTTP 401 Unauthorized" });
            return;
        }
        if (!HttpMethods.IsGet(http.Request.Method))
        {
            await WriteAsync(http, 405, new JsonObject { ["error"] = "HTTP 405 Method Not Allowed" });
            return;
        }
        var answer = Answer(path, http.Request.Query, token.Admin);
        await WriteAsync(http, answer.Status, answer.Body);
    }

    private (int Status, JsonNode? Body) Answer(string[] path, IQueryCollection query, bool admin)
    {
        (int, JsonNode?) Error(int status, string error) => (status, new JsonObject { ["error"] = error });
        if (path is ["serverinfo"])
        {
            return (200, ServerInfo);
        }
        if (path is not ["realms", ..])
        {
            return Error(404, "HTTP 404 Not Found");
        }
        if (path is ["realms"])
        {
            return (200, new JsonArray([.. Realms.Values.Where(_ => admin).Select(r => r.Realm.DeepClone())]));
        }
        if (!Realms.TryGetValue(path[1], out var realm))
        {
            return Error(404, "Realm not found.");
        }
        if (!admin)
        {
            return Error(403, "unknown_error");
        }
        return path[2..] switch
        {
            [] => (200, realm.Realm),
            ["clients"] => (200, Clients(realm, query)),
            ["clients", var id] => Client(realm, id) is { } c ? (200, c) : Error(404, "Could not find client"),
            ["clients", var id, "client-secret"] => Client(realm, id) is { } c
                ? (200, new JsonObject { ["type"] = "secret", ["value"] = c["secret"]?.DeepClone() })
                : Error(404, "Could not find client"),
            ["client-scopes"] => (200, realm.ClientScopes),
            ["identity-provider", "instances"] => (200, realm.IdentityProviders),
            ["roles"] => (200, realm.Roles),
            ["groups"] => (200, realm.Groups),
            ["components"] => (200, query.TryGetValue("type", out var type)
                ? new JsonArray([.. realm.Components.Where(c => (string?)c!["providerType"] == type).Select(c => c!.DeepClone())])
                : realm.Components),
            ["authentication", "flows"] => (200, realm.AuthenticationFlows),
            ["authentication", "required-actions"] => (200, realm.RequiredActions),
            ["events", "config"] => (200, realm.EventsConfig),
            ["keys"] => (200, realm.Keys),
            ["users", "count"] => (200, JsonValue.Create(realm.UsersCount)),
            _ => Error(404, "HTTP 404 Not Found"),
        };
    }

    private static JsonObject? Client(SimulatedRealm realm, string id) =>
        realm.Clients.OfType<JsonObject>().FirstOrDefault(c => (string?)c["id"] == id);

    /// <summary>first/max paging; clientId is exact unless search=true (then a substring match).</summary>
    private static JsonArray Clients(SimulatedRealm realm, IQueryCollection query)
    {
        // Keycloak lists clients ordered by clientId (see scratch-2000/clients-first1999-max100.json).
        IEnumerable<JsonNode?> all = realm.Clients.OrderBy(c => (string?)c!["clientId"], StringComparer.Ordinal);
        if (query.TryGetValue("clientId", out var clientId))
        {
            var search = string.Equals(query["search"], "true", StringComparison.OrdinalIgnoreCase);
            all = all.Where(c => (string?)c!["clientId"] is { } id
                && (search ? id.Contains(clientId.ToString(), StringComparison.OrdinalIgnoreCase) : id == clientId));
        }
        if (int.TryParse(query["first"], out var first))
        {
            all = all.Skip(first);
        }
        if (int.TryParse(query["max"], out var max))
        {
            all = all.Take(max);
        }
        return new JsonArray([.. all.Select(c => c!.DeepClone())]);
    }

    private static async Task WriteAsync(HttpContext http, int status, JsonNode? body)
    {
        http.Response.StatusCode = status;
        // Keycloak sends "application/json" without a charset parameter.
        http.Response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(body?.ToJsonString() ?? "null");
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
    }
}
