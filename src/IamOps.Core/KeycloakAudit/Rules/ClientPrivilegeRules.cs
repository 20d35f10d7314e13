using System.Globalization;
using System.Text.Json;

namespace IamOps.Core.KeycloakAudit.Rules;

/// <summary>What a client's tokens may do: service-account roles, full scope, token lifespan.</summary>
internal static class ClientPrivilegeRules
{
    private static readonly HashSet<string> AdminRoles =
        ["realm-admin", "manage-realm", "manage-users", "manage-clients", "manage-identity-providers", "manage-authorization", "manage-events", "impersonation", "create-client"];

    public static IEnumerable<AuditRule> All =>
    [
        new("KC-CLIENT-013", "Service account holds administrator roles", AuditSeverity.High, "client",
            "A client whose service account has realm-management roles (realm-admin, manage-users, impersonation…) turns its secret into an administrator credential of the realm.",
            "Give the service account only the view-* or narrow roles it needs, or move the administration task to a separate, tightly held client.",
            [Refs.BcpPrivilege, Refs.Asvs5Scopes, Refs.GuideServiceAccounts],
            realm => realm.Users.SelectMany(u => AdminGrants(realm, u.User)
                .Select(g => new RuleHit(realm.Path($"users[?(@.username=={Json.Quote(Json.Text(u.User, "username") ?? "")})].{g.Where}"),
                    $"Service account of client '{Json.Text(u.User, "serviceAccountClientId")}' holds {g.Role}.", g.Node)))),

        new("KC-CLIENT-014", "Full scope allowed", AuditSeverity.Low, "client",
            "With fullScopeAllowed every role of the user goes into this client's tokens, so a leaked token carries all the user's privileges in every other application.",
            "Turn off Client scopes > Dedicated scope > Full scope allowed and map only the roles the client needs.",
            [Refs.BcpPrivilege, Refs.Asvs5Scopes, Refs.GuideScope],
            realm => ClientRules.Custom(realm).Where(c => c.IsOpenIdConnect && !c.IsBearerOnly && c.Bool("fullScopeAllowed", true))
                .Select(c => new RuleHit(c.At("fullScopeAllowed"), $"Client '{c.ClientId}' has full scope allowed.", c.Field("fullScopeAllowed") ?? c.Element))),

        new("KC-CLIENT-015", "Client access tokens live longer than 30 minutes", AuditSeverity.Low, "client",
            "A client-level access.token.lifespan overrides the realm's; a long-lived bearer token stays usable after theft.",
            "Remove the override or set it to 15 minutes or less.",
            [Refs.BcpStolenTokens, Refs.GuideTimeouts],
            realm => ClientRules.Custom(realm)
                .Where(c => c.Attribute("access.token.lifespan") is { } t && long.TryParse(t, CultureInfo.InvariantCulture, out var s) && s > 1800)
                .Select(c => new RuleHit(c.At("attributes['access.token.lifespan']"), $"Client '{c.ClientId}' access tokens live {c.Attribute("access.token.lifespan")} s.",
                    c.AttributeNode("access.token.lifespan")))),
    ];

    private static IEnumerable<(string Role, string Where, JsonElement Node)> AdminGrants(RealmView realm, JsonElement user)
    {
        if (Json.Text(user, "serviceAccountClientId") is null)
        {
            yield break;
        }
        if (Json.Property(user, "clientRoles") is { ValueKind: JsonValueKind.Object } clientRoles)
        {
            foreach (var client in clientRoles.EnumerateObject())
            {
                // realm-management in every realm; in master, each realm's '<name>-realm' client carries the same roles.
                if (client.Name != "realm-management" && !(realm.IsMaster && client.Name.EndsWith("-realm", StringComparison.Ordinal)))
                {
                    continue;
                }
                foreach (var (role, index) in Json.Items(clientRoles, client.Name))
                {
                    if (role.ValueKind == JsonValueKind.String && AdminRoles.Contains(role.GetString()!))
                    {
                        yield return ($"{client.Name} {role.GetString()}", $"clientRoles[{Json.Quote(client.Name)}][{index}]", role);
                    }
                }
            }
        }
        foreach (var (role, index) in Json.Items(user, "realmRoles"))
        {
            if (realm.IsMaster && role.ValueKind == JsonValueKind.String && role.GetString() is "admin" or "create-realm")
            {
                yield return ($"master realm role {role.GetString()}", $"realmRoles[{index}]", role);
            }
        }
    }
}
