using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using IamOps.KeycloakSimulator;

namespace IamOps.Server.Tests.Configuration;

/// <summary>The simulator answers like the real Keycloak 21.0.1 whose answers were captured (status, content type, JSON shape).</summary>
public sealed class KeycloakSimulatorFidelityTests
{
    private static readonly string[] Implemented =
    [
        "", "/clients", "/client-scopes", "/identity-provider/instances", "/roles", "/groups", "/components",
        "/authentication/flows", "/authentication/required-actions", "/events/config", "/keys", "/users/count",
    ];

    // Fields Keycloak 21 fills with a default when an imported file lacks them; the export-built realm does not invent them.
    private static readonly string[] DefaultsKeycloakAdds = ["$.otpPolicyCodeReusable"];

    // Maps whose keys are data, not schema: client attributes differ client by client.
    private static readonly string[] FreeFormMaps = ["attributes"];

    [Fact]
    public async Task Every_captured_admin_GET_is_answered_with_the_captured_status_content_type_and_shape()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        sim.AddRealm(SimulatedRealm.FromCaptures(KeycloakCaptures.LivePath("CX-Central")));
        // Built from the realm file that was imported into the real Keycloak, not from its captured answers.
        sim.AddRealm(SimulatedRealm.FromExport(Path.Combine(KeycloakCaptures.Realms, "NovatecConsulting__YATT__realm.json")));
        using var http = await AdminHttpAsync(sim, ct);

        var index = JsonNode.Parse(await File.ReadAllTextAsync(KeycloakCaptures.LivePath("_index.json"), ct))!.AsArray();
        var compared = new List<string>();
        var differences = new List<string>();
        foreach (var entry in index.OfType<JsonObject>())
        {
            var path = (string)entry["path"]!;
            var realm = path.StartsWith("/admin/realms/", StringComparison.Ordinal) ? path.Split('/')[3] : null;
            var rest = realm is null ? null : path[("/admin/realms/" + realm).Length..];
            var wanted = path is "/admin/serverinfo" or "/admin/realms"
                || (realm is "master" or "eventsourcing-with-axon" or "CX-Central" && Implemented.Contains(rest));
            // "-after-" files are answers after a PUT, which the read-only simulator does not take.
            if ((string)entry["method"]! != "GET" || !wanted || path == "/admin/realms" || ((string)entry["file"]!).Contains("-after-", StringComparison.Ordinal))
            {
                continue;
            }
            using var response = await http.GetAsync(new Uri(sim.BaseUrl, path), ct);
            var captured = JsonNode.Parse(await File.ReadAllTextAsync(KeycloakCaptures.LivePath((string)entry["file"]!), ct));
            var answered = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct));

            Assert.Equal((int)entry["status"]!, (int)response.StatusCode);
            Assert.Equal((string?)entry["content_type"] ?? "application/json", response.Content.Headers.ContentType!.ToString());
            differences.AddRange(ShapeDifferences("$", captured, answered).Select(d => $"{path}: {d}"));
            compared.Add(path);
        }

        Assert.True(compared.Count >= 30, $"only {compared.Count} captured endpoints compared");
        Assert.Contains("/admin/realms/eventsourcing-with-axon/clients", compared);
        Assert.True(differences.SequenceEqual([$"/admin/realms/eventsourcing-with-axon: missing {DefaultsKeycloakAdds[0]}"]), string.Join("\n", differences));
    }

    [Theory]
    [InlineData("error-401-no-token.json", null)]
    [InlineData("error-401-bad-token.json", "not-a-token")]
    [InlineData("error-404-unknown-realm.json", "admin")]
    [InlineData("error-404-unknown-client.json", "admin")]
    [InlineData("error-403-non-admin-user.json", "user")]
    public async Task Admin_errors_have_the_captured_status_content_type_and_body(string file, string? caller)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        sim.AddRealm(SimulatedRealm.FromCaptures(KeycloakCaptures.LivePath("eventsourcing-with-axon")));
        sim.AddUser("eventsourcing-with-axon", "plain-user", "secret-1", admin: false);
        var captured = JsonNode.Parse(await File.ReadAllTextAsync(KeycloakCaptures.LivePath("errors", file), ct))!;
        using var http = caller switch
        {
            "admin" => await AdminHttpAsync(sim, ct),
            "user" => await HttpWithTokenAsync(sim, "eventsourcing-with-axon", "plain-user", "secret-1", ct),
            null => new HttpClient(),
            var token => new HttpClient { DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) } },
        };

        using var response = await http.GetAsync(new Uri(sim.BaseUrl, (string)captured["request"]!["path"]!), ct);

        Assert.Equal((int)captured["status"]!, (int)response.StatusCode);
        Assert.Equal((string)captured["headers"]!["content-type"]!, response.Content.Headers.ContentType!.ToString());
        Assert.False(response.Headers.Contains("WWW-Authenticate"));
        Assert.True(JsonNode.DeepEquals(captured["body"], JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))));
    }

    [Fact]
    public async Task Token_endpoint_answers_like_the_captured_password_grant_and_refuses_bad_credentials_the_same_way()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        using var http = new HttpClient();
        var url = new Uri(sim.BaseUrl, "/realms/master/protocol/openid-connect/token");
        var captured = JsonNode.Parse(await File.ReadAllTextAsync(KeycloakCaptures.LivePath("master", "token-password-grant.json"), ct))!;
        var refused = JsonNode.Parse(await File.ReadAllTextAsync(KeycloakCaptures.LivePath("errors", "error-401-token-invalid-grant.json"), ct))!;

        using var ok = await http.PostAsync(url, Form(("grant_type", "password"), ("client_id", "admin-cli"), ("username", "admin"), ("password", "admin")), ct);
        using var bad = await http.PostAsync(url, Form(("grant_type", "password"), ("client_id", "admin-cli"), ("username", "admin"), ("password", "wrong")), ct);
        var body = JsonNode.Parse(await ok.Content.ReadAsStringAsync(ct))!;

        Assert.Equal(200, (int)ok.StatusCode);
        Assert.True(JsonNode.DeepEquals(ShapeOf(captured["body"]), ShapeOf(body)));
        Assert.Equal((int)captured["body"]!["expires_in"]!, (int)body["expires_in"]!);
        Assert.Equal((int)refused["status"]!, (int)bad.StatusCode);
        Assert.True(JsonNode.DeepEquals(refused["body"], JsonNode.Parse(await bad.Content.ReadAsStringAsync(ct))));
    }

    [Fact]
    public async Task Client_paging_and_clientId_filters_return_what_Keycloak_returned_for_2006_clients()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        sim.AddRealm(ScratchRealm());
        using var http = await AdminHttpAsync(sim, ct);

        foreach (var file in new[] { "clients-first0-max3.json", "clients-first1999-max100.json", "clients-filter-clientId.json", "clients-search.json" })
        {
            var entry = JsonNode.Parse(await File.ReadAllTextAsync(KeycloakCaptures.LivePath("_index.json"), ct))!.AsArray()
                .Single(e => (string)e!["file"]! == $"scratch-2000/{file}")!;
            var captured = JsonNode.Parse(await File.ReadAllTextAsync(KeycloakCaptures.LivePath("scratch-2000", file), ct))!.AsArray();
            var answered = JsonNode.Parse(await http.GetStringAsync(new Uri(sim.BaseUrl, (string)entry["path"]!), ct))!.AsArray();

            Assert.Equal(captured.Select(c => (string)c!["clientId"]!), answered.Select(c => (string)c!["clientId"]!));
        }
    }

    /// <summary>scratch-2000 as captured: the 6 built-in clients plus scratch-client-0000…1999 created with the captured client's shape.</summary>
    internal static SimulatedRealm ScratchRealm()
    {
        var realm = SimulatedRealm.FromCaptures(KeycloakCaptures.LivePath("eventsourcing-with-axon"));
        realm.Realm = new JsonObject { ["id"] = "scratch-2000", ["realm"] = "scratch-2000", ["enabled"] = true };
        var template = JsonNode.Parse(File.ReadAllText(KeycloakCaptures.LivePath("scratch-2000", "clients-filter-clientId.json")))!.AsArray()[0]!;
        realm.Clients = new JsonArray([.. realm.Clients.Where(c => (string)c!["clientId"]! != "my-backend")
            .Select(c => c!.DeepClone())]);
        for (var i = 0; i < 2000; i++)
        {
            var client = template.DeepClone().AsObject();
            client["id"] = Guid.NewGuid().ToString();
            client["clientId"] = $"scratch-client-{i:D4}";
            realm.Clients.Add(client);
        }
        return realm;
    }

    internal static async Task<HttpClient> AdminHttpAsync(KeycloakSimulator.KeycloakSimulator sim, CancellationToken ct) =>
        await HttpWithTokenAsync(sim, "master", "admin", "admin", ct);

    private static async Task<HttpClient> HttpWithTokenAsync(KeycloakSimulator.KeycloakSimulator sim, string realm, string user, string password, CancellationToken ct)
    {
        var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(sim.BaseUrl, $"/realms/{realm}/protocol/openid-connect/token"),
            Form(("grant_type", "password"), ("client_id", "admin-cli"), ("username", user), ("password", password)), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["access_token"]!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    /// <summary>Fields (with JSON kinds) one side has and the other lacks, object by object; array items are merged.</summary>
    private static IEnumerable<string> ShapeDifferences(string path, JsonNode? captured, JsonNode? answered)
    {
        var (c, a) = (ShapeOf(captured), ShapeOf(answered));
        return Compare(path, c, a);
    }

    private static IEnumerable<string> Compare(string path, JsonNode? c, JsonNode? a)
    {
        if (c is JsonObject co && a is JsonObject ao)
        {
            foreach (var (key, value) in co)
            {
                if (!ao.ContainsKey(key))
                {
                    yield return $"missing {path}.{key}";
                    continue;
                }
                foreach (var d in Compare($"{path}.{key}", value, ao[key]))
                {
                    yield return d;
                }
            }
            foreach (var key in ao.Select(p => p.Key).Where(k => !co.ContainsKey(k)))
            {
                yield return $"extra {path}.{key}";
            }
        }
        else if (c is not null && a is not null && c.ToJsonString() != a.ToJsonString() && (c is JsonValue || a is JsonValue))
        {
            yield return $"kind of {path}: captured {c.ToJsonString()}, answered {a.ToJsonString()}";
        }
    }

    /// <summary>The structure of a JSON document: objects keep their keys, arrays merge their items, values become their kind.</summary>
    internal static JsonNode? ShapeOf(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key,
            FreeFormMaps.Contains(p.Key) ? JsonValue.Create(p.Value?.GetValueKind().ToString()) : ShapeOf(p.Value)))),
        // Free-form maps (attributes, config) vary by item: only their kind counts.
        JsonArray a => a.Count == 0 ? JsonValue.Create("array") : a.Select(ShapeOf).Aggregate(Merge),
        null => JsonValue.Create("null-or-any"),
        _ when node.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => JsonValue.Create("Boolean"),
        _ => JsonValue.Create(node.GetValueKind().ToString()),
    };

    private static JsonNode? Merge(JsonNode? x, JsonNode? y)
    {
        if (x is JsonObject xo && y is JsonObject yo)
        {
            var merged = new JsonObject();
            foreach (var key in xo.Select(p => p.Key).Union(yo.Select(p => p.Key)))
            {
                merged[key] = xo.ContainsKey(key) && yo.ContainsKey(key) ? Merge(xo[key]?.DeepClone(), yo[key]?.DeepClone()) : (xo[key] ?? yo[key])?.DeepClone();
            }
            return merged;
        }
        return (x ?? y)?.DeepClone();
    }
}
