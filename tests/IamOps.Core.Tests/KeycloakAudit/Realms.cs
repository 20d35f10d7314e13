using System.Text.Json;
using System.Text.Json.Nodes;
using IamOps.Core.KeycloakAudit;

namespace IamOps.Core.Tests.KeycloakAudit;

/// <summary>Minimal realms built in code: a clean one that no rule flags, and patches of it.</summary>
internal static class Realms
{
    /// <summary>A realm every rule accepts: TLS everywhere, brute-force protection, a strong policy, events with expiry.</summary>
    public const string Clean = """
        {
          "realm": "clean",
          "sslRequired": "all",
          "bruteForceProtected": true,
          "failureFactor": 5,
          "passwordPolicy": "length(12) and notUsername(undefined) and notEmail(undefined) and passwordBlacklist(breached.txt)",
          "revokeRefreshToken": true,
          "offlineSessionMaxLifespanEnabled": true,
          "eventsEnabled": true,
          "eventsExpiration": 7776000,
          "adminEventsEnabled": true,
          "attributes": { "adminEventsExpiration": "7776000" }
        }
        """;

    /// <summary>A public SPA client that follows RFC 9700: code flow, PKCE S256, exact redirect, no full scope.</summary>
    public const string GoodClient = """
        {
          "clientId": "web",
          "enabled": true,
          "publicClient": true,
          "standardFlowEnabled": true,
          "directAccessGrantsEnabled": false,
          "fullScopeAllowed": false,
          "redirectUris": ["https://app.example.com/callback"],
          "webOrigins": ["+"],
          "attributes": { "pkce.code.challenge.method": "S256" }
        }
        """;

    /// <summary>A confidential machine client with a signed-JWT authenticator.</summary>
    public const string GoodServiceClient = """
        {
          "clientId": "api",
          "publicClient": false,
          "standardFlowEnabled": false,
          "serviceAccountsEnabled": true,
          "clientAuthenticatorType": "client-jwt",
          "fullScopeAllowed": false
        }
        """;

    /// <summary>An OIDC identity provider configured safely.</summary>
    public const string GoodIdp = """
        {
          "alias": "corp",
          "providerId": "oidc",
          "enabled": true,
          "trustEmail": false,
          "config": { "validateSignature": "true", "syncMode": "FORCE", "pkceEnabled": "true", "tokenUrl": "https://idp.example.com/token" }
        }
        """;

    /// <summary>The clean realm with a JSON patch merged in: objects merge, arrays and values replace, null removes.</summary>
    public static string Patch(string patch) => Merge(JsonNode.Parse(Clean)!, JsonNode.Parse(patch)!).ToJsonString();

    /// <summary>The clean realm with one client: <paramref name="baseClient"/> patched.</summary>
    public static string WithClient(string baseClient, string clientPatch, string? realmPatch = null)
    {
        var client = Merge(JsonNode.Parse(baseClient)!, JsonNode.Parse(clientPatch)!);
        var realm = Merge(JsonNode.Parse(Clean)!, JsonNode.Parse(realmPatch ?? "{}")!);
        realm["clients"] = new JsonArray(client);
        return realm.ToJsonString();
    }

    public static string WithIdp(string idpPatch)
    {
        var realm = JsonNode.Parse(Clean)!;
        realm["identityProviders"] = new JsonArray(Merge(JsonNode.Parse(GoodIdp)!, JsonNode.Parse(idpPatch)!));
        return realm.ToJsonString();
    }

    public static string WithComponents(string type, string components)
    {
        var realm = JsonNode.Parse(Clean)!;
        realm["components"] = new JsonObject { [type] = JsonNode.Parse(components) };
        return realm.ToJsonString();
    }

    public static string UserProfile(object profile) => WithComponents("org.keycloak.userprofile.UserProfileProvider",
        new JsonArray(new JsonObject
        {
            ["name"] = "Declarative User Profile",
            ["providerId"] = "declarative-user-profile",
            ["config"] = new JsonObject { ["kc.user.profile.config"] = new JsonArray(JsonSerializer.Serialize(profile)) },
        }).ToJsonString());

    public static RealmAuditReport Audit(string json, IEnumerable<Suppression>? suppressions = null, DateTimeOffset now = default)
    {
        using var document = JsonDocument.Parse(json);
        return new KeycloakAuditor().Audit(document.RootElement, suppressions, now);
    }

    private static JsonNode Merge(JsonNode target, JsonNode patch)
    {
        if (target is not JsonObject targetObject || patch is not JsonObject patchObject)
        {
            return patch.DeepClone();
        }
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                targetObject.Remove(name);
            }
            else
            {
                targetObject[name] = targetObject[name] is { } existing ? Merge(existing.DeepClone(), value) : value.DeepClone();
            }
        }
        return targetObject;
    }
}
