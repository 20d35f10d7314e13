using System.Globalization;
using System.Text.Json;

namespace IamOps.Bench.KeycloakAudit;

/// <summary>Writes a large realm export shaped like Keycloak's own: 10,000 clients, 50 identity providers, service-account users.</summary>
internal static class RealmGenerator
{
    public static void Write(string path, int clients, int identityProviders)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("realm", "bench");
        json.WriteString("keycloakVersion", "26.0.7");
        json.WriteString("sslRequired", "external");
        json.WriteBoolean("bruteForceProtected", true);
        json.WriteNumber("failureFactor", 30);
        json.WriteString("passwordPolicy", "length(8) and notUsername(undefined)");
        json.WriteBoolean("eventsEnabled", true);
        json.WriteBoolean("adminEventsEnabled", true);
        json.WriteBoolean("adminEventsDetailsEnabled", true);
        json.WriteStartArray("clients");
        for (var i = 0; i < clients; i++)
        {
            WriteClient(json, i);
        }
        json.WriteEndArray();
        json.WriteStartArray("identityProviders");
        for (var i = 0; i < identityProviders; i++)
        {
            json.WriteStartObject();
            json.WriteString("alias", Invariant($"idp-{i}"));
            json.WriteString("providerId", i % 5 == 0 ? "saml" : "oidc");
            json.WriteBoolean("enabled", true);
            json.WriteBoolean("trustEmail", i % 3 == 0);
            json.WriteBoolean("storeToken", false);
            json.WriteStartObject("config");
            json.WriteString("validateSignature", i % 7 == 0 ? "false" : "true");
            json.WriteString("syncMode", i % 2 == 0 ? "IMPORT" : "FORCE");
            json.WriteString("pkceEnabled", i % 4 == 0 ? "false" : "true");
            json.WriteString("tokenUrl", Invariant($"https://idp{i}.example.com/token"));
            json.WriteString("authorizationUrl", Invariant($"https://idp{i}.example.com/auth"));
            json.WriteString("jwksUrl", Invariant($"https://idp{i}.example.com/jwks"));
            json.WriteString("clientSecret", "**********");
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("users");
        for (var i = 0; i < clients; i += 10)
        {
            json.WriteStartObject();
            json.WriteString("username", Invariant($"service-account-app-{i}"));
            json.WriteString("serviceAccountClientId", Invariant($"app-{i}"));
            json.WriteStartObject("clientRoles");
            json.WriteStartArray("realm-management");
            json.WriteStringValue("view-users");
            if (i % 100 == 0)
            {
                json.WriteStringValue("manage-users");
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("components");
        json.WriteStartArray("org.keycloak.keys.KeyProvider");
        foreach (var (name, size) in new[] { ("rsa-generated", "2048"), ("hmac-generated", "64"), ("aes-generated", "16") })
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("providerId", name);
            json.WriteStartObject("config");
            json.WriteStartArray(name == "rsa-generated" ? "keySize" : "secretSize");
            json.WriteStringValue(size);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteClient(Utf8JsonWriter json, int i)
    {
        var isPublic = i % 3 == 0;
        json.WriteStartObject();
        json.WriteString("id", Guid.NewGuid().ToString());
        json.WriteString("clientId", Invariant($"app-{i}"));
        json.WriteString("name", Invariant($"Application {i}"));
        json.WriteString("rootUrl", Invariant($"https://app{i}.example.com"));
        json.WriteBoolean("enabled", true);
        json.WriteString("clientAuthenticatorType", i % 4 == 0 ? "client-jwt" : "client-secret");
        json.WriteString("secret", "**********");
        json.WriteStartArray("redirectUris");
        json.WriteStringValue(i % 50 == 0 ? "*" : i % 7 == 0 ? Invariant($"https://app{i}.example.com/*") : Invariant($"https://app{i}.example.com/callback"));
        json.WriteStringValue(i % 11 == 0 ? Invariant($"http://app{i}.example.com/cb") : "http://localhost:3000/cb");
        json.WriteEndArray();
        json.WriteStartArray("webOrigins");
        json.WriteStringValue(i % 40 == 0 ? "*" : "+");
        json.WriteEndArray();
        json.WriteBoolean("bearerOnly", false);
        json.WriteBoolean("consentRequired", false);
        json.WriteBoolean("standardFlowEnabled", true);
        json.WriteBoolean("implicitFlowEnabled", i % 25 == 0);
        json.WriteBoolean("directAccessGrantsEnabled", i % 5 == 0);
        json.WriteBoolean("serviceAccountsEnabled", i % 10 == 0);
        json.WriteBoolean("publicClient", isPublic);
        json.WriteBoolean("frontchannelLogout", true);
        json.WriteString("protocol", "openid-connect");
        json.WriteStartObject("attributes");
        json.WriteString("post.logout.redirect.uris", i % 30 == 0 ? Invariant($"https://app{i}.example.com/*") : "+");
        if (!isPublic || i % 2 == 0)
        {
            json.WriteString("pkce.code.challenge.method", "S256");
        }
        json.WriteString("oauth2.device.authorization.grant.enabled", "false");
        json.WriteString("backchannel.logout.session.required", "true");
        json.WriteString("display.on.consent.screen", "false");
        json.WriteEndObject();
        json.WriteBoolean("fullScopeAllowed", i % 2 == 0);
        json.WriteNumber("nodeReRegistrationTimeout", -1);
        json.WriteStartArray("protocolMappers");
        json.WriteStartObject();
        json.WriteString("name", "audience");
        json.WriteString("protocol", "openid-connect");
        json.WriteString("protocolMapper", "oidc-audience-mapper");
        json.WriteStartObject("config");
        json.WriteString("included.client.audience", Invariant($"api-{i % 100}"));
        json.WriteString("access.token.claim", "true");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("defaultClientScopes");
        foreach (var scope in new[] { "web-origins", "acr", "roles", "profile", "email" })
        {
            json.WriteStringValue(scope);
        }
        json.WriteEndArray();
        json.WriteStartArray("optionalClientScopes");
        foreach (var scope in new[] { "address", "phone", "offline_access", "microprofile-jwt" })
        {
            json.WriteStringValue(scope);
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
