namespace IamOps.Core.KeycloakAudit.Rules;

/// <summary>Client redirect URIs, web origins and post-logout redirects.</summary>
internal static class ClientUriRules
{
    public static IEnumerable<AuditRule> All =>
    [
        new("KC-CLIENT-008", "Redirect URI '*' accepts any URL", AuditSeverity.Critical, "client",
            "With '*' Keycloak sends authorization codes and tokens to whatever redirect_uri the request names: an attacker's link steals the user's code or token.",
            "Replace '*' with the exact redirect URIs of the application.",
            [Refs.BcpRedirect, Refs.Asvs5RedirectExact, Refs.GuideRedirect],
            realm => RedirectUris(realm).Where(u => u.Value.Trim() == "*")
                .Select(u => new RuleHit(u.Path, $"Client '{u.Client.ClientId}' accepts any redirect URI.", u.Node))),

        new("KC-CLIENT-009", "Redirect URI with a wildcard", AuditSeverity.Medium, "client",
            "A wildcard redirect URI (https://app.example.com/*) is not an exact match; an open redirect or a user-controlled page under that prefix is enough to steal codes. RFC 9700 requires exact string matching.",
            "List the exact callback URIs instead of a pattern.",
            [Refs.BcpRedirect, Refs.BcpOpenRedirect, Refs.Asvs5RedirectExact, Refs.GuideRedirect],
            realm => RedirectUris(realm).Where(u => u.Value.Trim() != "*" && u.Value.Contains('*', StringComparison.Ordinal))
                .Select(u => new RuleHit(u.Path, $"Client '{u.Client.ClientId}' redirect URI '{u.Value}' has a wildcard.", u.Node))),

        new("KC-CLIENT-010", "Redirect URI over plain HTTP to a remote host", AuditSeverity.High, "client",
            "Authorization codes and tokens sent to an http:// redirect URI cross the network in clear; only loopback redirects of native apps may use http.",
            "Use https:// redirect URIs (http only for localhost or 127.0.0.1 during development).",
            [Refs.BcpRedirect, Refs.AsvsTls, Refs.GuideRedirect],
            realm => RedirectUris(realm).Where(u => ClientRules.IsPlainHttpToRemote(u.Value))
                .Select(u => new RuleHit(u.Path, $"Client '{u.Client.ClientId}' redirects to {u.Value} over plain HTTP.", u.Node))),

        new("KC-CLIENT-011", "Web origins '*' allow any site", AuditSeverity.Medium, "client",
            "webOrigins '*' makes Keycloak answer CORS requests from every origin for this client's tokens, so any site can call the token and userinfo endpoints from a user's browser.",
            "Set Web origins to '+' (the origins of the redirect URIs) or to the exact origins.",
            [Refs.BcpTls, Refs.AsvsCors, Refs.GuideOidcClients],
            realm => ClientRules.Custom(realm).SelectMany(c => Json.Items(c.Element, "webOrigins").Where(o => o.Element.ValueKind == System.Text.Json.JsonValueKind.String && o.Element.ValueEquals("*"))
                .Select(o => new RuleHit(c.At($"webOrigins[{o.Index}]"), $"Client '{c.ClientId}' allows CORS from any origin.", o.Element)))),

        new("KC-CLIENT-012", "Post-logout redirect URI with a wildcard", AuditSeverity.Medium, "client",
            "A wildcard post-logout redirect URI turns the logout endpoint into an open redirector usable for phishing.",
            "List exact post-logout redirect URIs (attribute post.logout.redirect.uris, separated by ##), or '+' to reuse the redirect URIs.",
            [Refs.BcpOpenRedirect, Refs.GuideRedirect],
            realm => ClientRules.Custom(realm)
                .Select(c => (Client: c, Uris: c.Attribute("post.logout.redirect.uris") ?? ""))
                .Where(c => c.Uris.Split("##", StringSplitOptions.TrimEntries).Any(u => u.Contains('*', StringComparison.Ordinal)))
                .Select(c => new RuleHit(c.Client.At("attributes['post.logout.redirect.uris']"), $"Client '{c.Client.ClientId}' post-logout redirect URIs '{c.Uris}' have a wildcard.",
                    c.Client.AttributeNode("post.logout.redirect.uris")))),
    ];

    private static IEnumerable<RedirectUri> RedirectUris(RealmView realm) =>
        ClientRules.Custom(realm).Where(c => !c.IsBearerOnly && (c.StandardFlow || c.ImplicitFlow))
            .SelectMany(c => c.Strings("redirectUris").Select(u => new RedirectUri(c, u.Value, u.Index, u.Node)));

    /// <summary>One redirect URI of a client; its JSON path is only built for a finding.</summary>
    private readonly record struct RedirectUri(ClientView Client, string Value, int Index, System.Text.Json.JsonElement Node)
    {
        public string Path => Client.At(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"redirectUris[{Index}]"));
    }
}
