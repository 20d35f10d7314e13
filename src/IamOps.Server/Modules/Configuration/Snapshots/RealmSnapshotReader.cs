using System.Text.Json;
using System.Text.Json.Nodes;
using IamOps.Server.Modules.Configuration.Keycloak;

namespace IamOps.Server.Modules.Configuration.Snapshots;

/// <summary>Reads one realm through the Admin API into a document shaped like a Keycloak realm export (so the audit engine and
/// a human can read it), plus the keys metadata and user count; secrets are masked before it leaves this class.</summary>
public static class RealmSnapshotReader
{
    public static async Task<JsonObject> ReadAsync(KeycloakAdminClient client, string realm, CancellationToken ct)
    {
        var document = Node(await client.GetRealmAsync(realm, ct)).AsObject();
        var clients = await client.GetClientsAsync(realm, ct);
        document["clients"] = Node(clients.OrderBy(c => c.ClientId, StringComparer.Ordinal));
        document["clientScopes"] = Node((await client.GetClientScopesAsync(realm, ct)).OrderBy(s => s.Name, StringComparer.Ordinal));
        document["identityProviders"] = Node((await client.GetIdentityProvidersAsync(realm, ct)).OrderBy(i => i.Alias, StringComparer.Ordinal));
        document["roles"] = new JsonObject
        {
            ["realm"] = Node((await client.GetRolesAsync(realm, ct)).OrderBy(r => r.Name, StringComparer.Ordinal)),
        };
        document["groups"] = Node(await client.GetGroupsAsync(realm, ct));
        document["authenticationFlows"] = Node((await client.GetAuthenticationFlowsAsync(realm, ct)).OrderBy(f => f.Alias, StringComparer.Ordinal));
        document["requiredActions"] = Node(await client.GetRequiredActionsAsync(realm, ct));
        var components = new JsonObject();
        foreach (var byType in (await client.GetComponentsAsync(realm, null, ct)).GroupBy(c => c.ProviderType ?? "unknown").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            components[byType.Key] = Node(byType.OrderBy(c => c.Name, StringComparer.Ordinal));
        }
        document["components"] = components;
        document["eventsConfig"] = Node(await client.GetEventsConfigAsync(realm, ct));
        document["keys"] = Node(await client.GetKeysAsync(realm, ct));
        document["usersCount"] = await client.GetUserCountAsync(realm, ct);
        SecretRedactor.Redact(document);
        return document;
    }

    private static JsonNode Node<T>(T value) => JsonSerializer.SerializeToNode(value, KeycloakAdminClient.Json)!;
}
