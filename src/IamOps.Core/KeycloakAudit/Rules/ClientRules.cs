namespace IamOps.Core.KeycloakAudit.Rules;

/// <summary>Client grant types and PKCE; built-in clients keep Keycloak's settings and are skipped, as are disabled clients.</summary>
internal static class ClientRules
{
    public static IEnumerable<AuditRule> All =>
    [
        new("KC-CLIENT-001", "Public client uses the code flow without PKCE S256", AuditSeverity.High, "client",
            "A public client cannot keep a secret; without PKCE an intercepted authorization code (malicious app, logs, referer) is redeemed by the attacker. RFC 9700 requires PKCE for public clients.",
            "Set Advanced > Proof Key for Code Exchange Code Challenge Method to S256 (attributes.\"pkce.code.challenge.method\"=S256).",
            [Refs.BcpCodeGrant, Refs.Asvs5Pkce, Refs.GuideOidcClients],
            realm => Custom(realm).Where(c => c.IsOpenIdConnect && c.IsPublic && c.StandardFlow && c.Attribute("pkce.code.challenge.method") != "S256")
                .Select(c => new RuleHit(c.At("attributes['pkce.code.challenge.method']"), $"Public client '{c.ClientId}' does not require PKCE S256.",
                    c.AttributeNode("pkce.code.challenge.method") ?? c.Field("publicClient")))),

        new("KC-CLIENT-002", "PKCE plain method allowed", AuditSeverity.Medium, "client",
            "With the plain method the code challenge equals the verifier, so whoever sees the authorization request can redeem the code; RFC 9700 forbids it.",
            "Set the PKCE Code Challenge Method to S256.",
            [Refs.BcpPkceDowngrade, Refs.Asvs5Pkce, Refs.GuideOidcClients],
            realm => Custom(realm).Where(c => c.Attribute("pkce.code.challenge.method") == "plain")
                .Select(c => new RuleHit(c.At("attributes['pkce.code.challenge.method']"), $"Client '{c.ClientId}' uses PKCE plain.", c.AttributeNode("pkce.code.challenge.method")))),

        new("KC-CLIENT-003", "Implicit flow enabled", AuditSeverity.High, "client",
            "The implicit grant returns access tokens in the URL fragment, where browser history, referer headers and injected scripts leak them, with no sender constraint. RFC 9700 says not to use it.",
            "Turn off Implicit flow (implicitFlowEnabled=false) and use the code flow with PKCE.",
            [Refs.BcpImplicit, Refs.Asvs5Grants, Refs.GuideOidcClients],
            realm => Custom(realm).Where(c => c.IsOpenIdConnect && c.ImplicitFlow)
                .Select(c => new RuleHit(c.At("implicitFlowEnabled"), $"Client '{c.ClientId}' allows the implicit flow.", c.Field("implicitFlowEnabled")))),

        new("KC-CLIENT-004", "Direct access grants (password grant) enabled", AuditSeverity.Medium, "client",
            "The resource owner password grant hands users' passwords to the client, bypasses MFA and brute-force friendly login pages; RFC 9700 says it must not be used.",
            "Turn off Direct access grants (directAccessGrantsEnabled=false); use the code flow, or client credentials for machines.",
            [Refs.BcpPassword, Refs.Asvs5Grants, Refs.GuideOidcClients],
            realm => Custom(realm).Where(c => c.IsOpenIdConnect && c.DirectAccessGrants && !c.IsBearerOnly)
                .Select(c => new RuleHit(c.At("directAccessGrantsEnabled"), $"Client '{c.ClientId}' allows the password grant{(c.IsPublic ? " and is public" : "")}.", c.Field("directAccessGrantsEnabled")))),

        new("KC-CLIENT-005", "Confidential client authenticates with a shared secret", AuditSeverity.Low, "client",
            "A client secret is a bearer credential copied into configuration files and vaults; a signed JWT (private_key_jwt) or mutual TLS proves possession of a private key that never leaves the client.",
            "Set Credentials > Client Authenticator to 'Signed JWT' (client-jwt) or 'X509 certificate' (client-x509).",
            [Refs.BcpClientAuth, Refs.Asvs5StrongClientAuth, Refs.GuideCredentials],
            realm => Custom(realm).Where(c => c.IsOpenIdConnect && !c.IsPublic && !c.IsBearerOnly && (c.StandardFlow || c.ServiceAccounts)
                    && (c.Text("clientAuthenticatorType") ?? "client-secret") is "client-secret" or "client-secret-jwt")
                .Select(c => new RuleHit(c.At("clientAuthenticatorType"), $"Client '{c.ClientId}' authenticates with {c.Text("clientAuthenticatorType") ?? "client-secret (default)"}.",
                    c.Field("clientAuthenticatorType") ?? c.Element))),

        new("KC-CLIENT-006", "Client secret in clear in the realm file", AuditSeverity.High, "client",
            "A client secret written in an import or export file is shared with everyone who can read the file or its repository history.",
            "Rotate the secret, keep it in a vault, and inject it at import time (e.g. ${ENV_VAR} placeholders); exports mask it as **********.",
            [Refs.AsvsSecrets, Refs.GuideCredentials],
            realm => Custom(realm).Where(c => !c.IsPublic && c.Text("secret") is { Length: > 0 } s && s != "**********" && !s.StartsWith("${", StringComparison.Ordinal))
                .Select(c => new RuleHit(c.At("secret"), $"Client '{c.ClientId}' has its secret in clear.", c.Field("secret")))),

        new("KC-CLIENT-007", "SAML client does not require signed documents", AuditSeverity.Medium, "client",
            "Unsigned SAML responses or requests can be forged or altered: Keycloak should sign its documents (saml.server.signature) and require signed requests from the client (saml.client.signature).",
            "Turn on 'Sign documents' and 'Client signature required' for the SAML client.",
            [Refs.AsvsAlgorithms, Refs.GuideSaml],
            realm => Custom(realm).Where(c => c.Protocol == "saml" && (c.Attribute("saml.server.signature") == "false" || c.Attribute("saml.client.signature") == "false"))
                .Select(c => new RuleHit(c.At("attributes"), $"SAML client '{c.ClientId}' has document or client signatures off.", c.Field("attributes")))),
    ];

    /// <summary>Enabled clients other than Keycloak's built-ins.</summary>
    public static IReadOnlyList<ClientView> Custom(RealmView realm) => realm.AuditedClients;

    /// <summary>An http:// URL to a host other than the loopback (localhost, 127.0.0.0/8, ::1).</summary>
    public static bool IsPlainHttpToRemote(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        // Spans, not substrings: this runs on every redirect URI of every client.
        var text = uri.AsSpan().Trim();
        if (!text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var rest = text[7..];
        var end = rest.IndexOfAny('/', '?', '#');
        var authority = end < 0 ? rest : rest[..end];
        var host = authority[(authority.LastIndexOf('@') + 1)..];
        if (host.StartsWith('['))
        {
            return !host.StartsWith("[::1]", StringComparison.Ordinal);
        }
        var colon = host.IndexOf(':');
        host = colon < 0 ? host : host[..colon];
        return !host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            && !host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            && !host.StartsWith("127.", StringComparison.Ordinal);
    }
}
