using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace IamOps.KeycloakSimulator;

/// <summary>One realm as the simulator serves it: one JSON document per Admin API resource, editable by tests.</summary>
public sealed class SimulatedRealm
{
    private static readonly string[] NotInRealmGet =
    [
        "clients", "users", "roles", "groups", "clientScopes", "components", "authenticationFlows", "authenticatorConfig",
        "requiredActions", "scopeMappings", "clientScopeMappings", "federatedUsers", "defaultDefaultClientScopes",
        "defaultOptionalClientScopes", "keycloakVersion", "defaultRoles", "defaultGroups", "protocolMappers", "applications",
        "oauthClients", "clientTemplates", "localizationTexts",
    ];

    private static readonly string[] KeyMaterial = ["privateKey", "certificate", "secret", "kid", "keyUse"];

    public required JsonObject Realm { get; set; }
    public JsonArray Clients { get; set; } = [];
    public JsonArray ClientScopes { get; set; } = [];
    public JsonArray IdentityProviders { get; set; } = [];
    public JsonArray Roles { get; set; } = [];
    public JsonArray Groups { get; set; } = [];
    public JsonArray Components { get; set; } = [];
    public JsonArray AuthenticationFlows { get; set; } = [];
    public JsonArray RequiredActions { get; set; } = [];
    public JsonObject EventsConfig { get; set; } = [];
    public JsonObject Keys { get; set; } = new() { ["active"] = new JsonObject(), ["keys"] = new JsonArray() };
    public long UsersCount { get; set; }

    public string Name => Realm["realm"]!.GetValue<string>();

    /// <summary>A realm whose every answer is a captured file of a real Keycloak (e.g. keycloak-live/21.0.1/master).</summary>
    public static SimulatedRealm FromCaptures(string directory)
    {
        JsonNode? Read(string file) => File.Exists(Path.Combine(directory, file)) ? JsonNode.Parse(File.ReadAllText(Path.Combine(directory, file))) : null;
        return new SimulatedRealm
        {
            Realm = Read("realm.json")!.AsObject(),
            Clients = Read("clients.json")?.AsArray() ?? [],
            ClientScopes = Read("client-scopes.json")?.AsArray() ?? [],
            IdentityProviders = Read("identity-provider-instances.json")?.AsArray() ?? [],
            Roles = Read("roles.json")?.AsArray() ?? [],
            Groups = Read("groups.json")?.AsArray() ?? [],
            Components = Read("components.json")?.AsArray() ?? [],
            AuthenticationFlows = Read("authentication-flows.json")?.AsArray() ?? [],
            RequiredActions = Read("authentication-required-actions.json")?.AsArray() ?? [],
            EventsConfig = Read("events-config.json")?.AsObject() ?? [],
            Keys = Read("keys.json")?.AsObject() ?? new JsonObject { ["active"] = new JsonObject(), ["keys"] = new JsonArray() },
            UsersCount = Read("users-count.json")?.GetValue<long>() ?? 0,
        };
    }

    /// <summary>A realm built from a realm export or import file, split the way Keycloak's Admin API serves it.</summary>
    public static SimulatedRealm FromExport(string file) => FromExport(JsonNode.Parse(File.ReadAllText(file))!.AsObject());

    public static SimulatedRealm FromExport(JsonObject export)
    {
        var realm = export.DeepClone().AsObject();
        var realmId = (string?)realm["id"] ?? (string)realm["realm"]!;
        realm["id"] = realmId;
        foreach (var key in NotInRealmGet)
        {
            realm.Remove(key);
        }
        if (realm["smtpServer"] is JsonObject smtp && smtp.ContainsKey("password"))
        {
            smtp["password"] = "**********";
        }
        var idps = Array(export, "identityProviders");
        foreach (var idp in idps.OfType<JsonObject>())
        {
            if (idp["config"] is JsonObject config && config.ContainsKey("clientSecret"))
            {
                config["clientSecret"] = "**********";
            }
        }
        var clients = Array(export, "clients");
        foreach (var client in clients.OfType<JsonObject>())
        {
            client["id"] ??= Guid.NewGuid().ToString();
            client["access"] = new JsonObject { ["view"] = true, ["configure"] = true, ["manage"] = true };
        }
        var roles = export["roles"]?["realm"] is JsonArray realmRoles ? (JsonArray)realmRoles.DeepClone() : [];
        foreach (var role in roles.OfType<JsonObject>())
        {
            role["id"] ??= Guid.NewGuid().ToString();
            role["composite"] ??= false;
            role["clientRole"] = false;
            role["containerId"] = realmId;
            role.Remove("composites");
            role.Remove("attributes");
        }
        var components = new JsonArray();
        Flatten(export["components"] as JsonObject, realmId, components);
        foreach (var config in components.Select(c => c!["config"]).OfType<JsonObject>())
        {
            // Keycloak's GET /components omits the generated keys' material and masks secret properties of the others.
            var generated = config.Parent is JsonObject c && ((string?)c["providerId"])?.EndsWith("-generated", StringComparison.Ordinal) == true;
            foreach (var key in KeyMaterial.Where(config.ContainsKey))
            {
                if (generated)
                {
                    config.Remove(key);
                }
                else if (key is "privateKey" or "secret")
                {
                    config[key] = new JsonArray("**********");
                }
            }
        }
        var eventTypes = export["enabledEventTypes"] is JsonArray { Count: > 0 } types ? types.DeepClone() : DefaultEventTypes();
        realm["enabledEventTypes"] ??= new JsonArray();
        if (realm["browserSecurityHeaders"] is JsonObject headers)
        {
            // Keycloak does not store empty header values (contentSecurityPolicyReportOnly "" disappears on import).
            foreach (var empty in headers.Where(h => (string?)h.Value == "").Select(h => h.Key).ToList())
            {
                headers.Remove(empty);
            }
        }
        var eventsConfig = new JsonObject
        {
            ["eventsEnabled"] = (bool?)export["eventsEnabled"] ?? false,
            ["eventsListeners"] = export["eventsListeners"]?.DeepClone() ?? new JsonArray("jboss-logging"),
            ["enabledEventTypes"] = eventTypes,
            ["adminEventsEnabled"] = (bool?)export["adminEventsEnabled"] ?? false,
            ["adminEventsDetailsEnabled"] = (bool?)export["adminEventsDetailsEnabled"] ?? false,
        };
        if (export["eventsExpiration"] is { } expiration)
        {
            eventsConfig.Insert(1, "eventsExpiration", expiration.DeepClone());
        }
        return new SimulatedRealm
        {
            Realm = realm,
            Clients = clients,
            ClientScopes = Array(export, "clientScopes"),
            IdentityProviders = idps,
            Roles = roles,
            Groups = Array(export, "groups"),
            Components = components,
            AuthenticationFlows = Array(export, "authenticationFlows"),
            RequiredActions = Array(export, "requiredActions"),
            EventsConfig = eventsConfig,
            Keys = KeysFor(components, (string)realm["realm"]!),
            UsersCount = (export["users"] as JsonArray)?.Count ?? 0,
        };
    }

    /// <summary>With no types chosen, Keycloak 21 reports every type it stores by default (as captured for master).</summary>
    private static JsonNode DefaultEventTypes() =>
        JsonNode.Parse(File.ReadAllText(KeycloakCaptures.LivePath("master", "events-config.json")))!["enabledEventTypes"]!.DeepClone();

    private static JsonArray Array(JsonObject export, string key) => export[key] is JsonArray a ? (JsonArray)a.DeepClone() : [];

    private static void Flatten(JsonObject? byType, string parentId, JsonArray into)
    {
        foreach (var (type, list) in byType ?? [])
        {
            foreach (var component in (list as JsonArray ?? []).OfType<JsonObject>())
            {
                var copy = component.DeepClone().AsObject();
                copy["id"] ??= Guid.NewGuid().ToString();
                copy["providerType"] = type;
                copy["parentId"] = parentId;
                var sub = copy["subComponents"] as JsonObject;
                copy.Remove("subComponents");
                into.Add(copy);
                Flatten(sub, (string)copy["id"]!, into);
            }
        }
    }

    /// <summary>Key metadata as Keycloak derives it from the key-provider components (defaults when the realm defines none).</summary>
    private static JsonObject KeysFor(JsonArray components, string realmName)
    {
        var providers = components.OfType<JsonObject>()
            .Where(c => (string?)c["providerType"] == "org.keycloak.keys.KeyProvider")
            .Select(c => ((string)c["id"]!, (string)c["providerId"]!, (string?)c["config"]?["algorithm"]?[0], (string?)c["config"]?["keySize"]?[0]))
            .ToList();
        if (providers.Count == 0)
        {
            providers = [("rsa-generated", "rsa-generated", null, null), ("rsa-enc-generated", "rsa-enc-generated", null, null),
                ("hmac-generated", "hmac-generated", null, null), ("aes-generated", "aes-generated", null, null)];
        }
        var active = new JsonObject();
        var keys = new JsonArray();
        foreach (var (id, providerId, algorithm, keySize) in providers)
        {
            var (type, alg, use) = providerId switch
            {
                "rsa-enc-generated" or "rsa-enc" => ("RSA", algorithm ?? "RSA-OAEP", "ENC"),
                "rsa-generated" or "rsa" or "java-keystore" => ("RSA", algorithm ?? "RS256", "SIG"),
                "hmac-generated" => ("OCT", algorithm ?? "HS256", "SIG"),
                "aes-generated" => ("OCT", "AES", "ENC"),
                "ecdsa-generated" => ("EC", algorithm ?? "ES256", "SIG"),
                _ => ("OCT", algorithm ?? "HS256", "SIG"),
            };
            var kid = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)))[..32].ToLowerInvariant();
            active[alg] = kid;
            var key = new JsonObject
            {
                ["providerId"] = id, ["providerPriority"] = 100, ["kid"] = kid, ["status"] = "ACTIVE", ["type"] = type, ["algorithm"] = alg,
            };
            if (type == "RSA")
            {
                using var rsa = RSA.Create(int.TryParse(keySize, out var bits) ? bits : 2048);
                key["publicKey"] = Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo());
                var request = new CertificateRequest($"CN={realmName}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddYears(10));
                key["certificate"] = Convert.ToBase64String(certificate.RawData);
            }
            key["use"] = use;
            keys.Add(key);
        }
        return new JsonObject { ["active"] = active, ["keys"] = keys };
    }
}
