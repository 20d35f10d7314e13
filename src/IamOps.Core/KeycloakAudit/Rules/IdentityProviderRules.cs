namespace IamOps.Core.KeycloakAudit.Rules;

/// <summary>Identity brokering: trust in the external provider's e-mail, signatures, sync mode, PKCE and transport.</summary>
internal static class IdentityProviderRules
{
    private static readonly string[] EndpointNames =
        ["authorizationUrl", "tokenUrl", "userInfoUrl", "jwksUrl", "logoutUrl", "singleSignOnServiceUrl", "singleLogoutServiceUrl", "issuer"];

    private static readonly HashSet<string> ProtocolProviders = ["oidc", "keycloak-oidc", "saml"];

    public static IEnumerable<AuditRule> All =>
    [
        new("KC-IDP-001", "E-mails from an identity provider are trusted", AuditSeverity.Medium, "idp",
            "trustEmail marks the provider's e-mail as verified; if the provider lets users set any e-mail, an attacker can claim a victim's address and have the account linked to theirs.",
            "Turn off Trust Email unless the provider verifies e-mail ownership (and only for such providers).",
            [Refs.AsvsEmailVerify, Refs.GuideIdp],
            realm => Enabled(realm).Where(i => i.Bool("trustEmail", false))
                .Select(i => new RuleHit(i.At("trustEmail"), $"Identity provider '{i.Text("alias")}' trusts e-mails.", i.Field("trustEmail")))),

        new("KC-IDP-002", "Identity provider signatures are not validated", AuditSeverity.High, "idp",
            "Without signature validation Keycloak accepts ID tokens or SAML assertions that anyone could have forged, and logs in whoever they name.",
            "Turn on Validate Signatures (config.validateSignature=true) with the provider's JWKS URL or certificate.",
            [Refs.AsvsTlsServer, Refs.GuideIdp],
            realm => Enabled(realm).Where(i => ProtocolProviders.Contains(i.Text("providerId") ?? "") && i.Config("validateSignature") != "true")
                .Select(i => new RuleHit(i.At("config.validateSignature"), $"Identity provider '{i.Text("alias")}' does not validate signatures.", i.ConfigNode("validateSignature") ?? i.Element))),

        new("KC-IDP-003", "Identity provider data is not kept in sync", AuditSeverity.Low, "idp",
            "With sync mode IMPORT (or LEGACY) user data and mapped roles are taken at the first login only: a role or attribute removed at the provider stays in Keycloak, and personal data goes stale (GDPR accuracy, Art. 5(1)(d)).",
            "Set Sync mode to Force (config.syncMode=FORCE) so that every login updates the user from the provider.",
            [Refs.AsvsPrivacyIdentify, Refs.GuideIdp],
            realm => Enabled(realm).Where(i => (i.Config("syncMode") ?? "LEGACY") is "IMPORT" or "LEGACY")
                .Select(i => new RuleHit(i.At("config.syncMode"), $"Identity provider '{i.Text("alias")}' sync mode is {i.Config("syncMode") ?? "absent (LEGACY)"}.", i.ConfigNode("syncMode") ?? i.Element))),

        new("KC-IDP-004", "OIDC identity provider without PKCE", AuditSeverity.Low, "idp",
            "Keycloak is the OAuth client of an OIDC provider; PKCE protects that code flow against code interception and injection.",
            "Turn on Use PKCE (config.pkceEnabled=true, method S256) if the provider supports it.",
            [Refs.BcpCodeGrant, Refs.GuideIdp],
            realm => Enabled(realm).Where(i => i.Text("providerId") is "oidc" or "keycloak-oidc" && i.Config("pkceEnabled") != "true")
                .Select(i => new RuleHit(i.At("config.pkceEnabled"), $"Identity provider '{i.Text("alias")}' does not use PKCE.", i.ConfigNode("pkceEnabled") ?? i.Element))),

        new("KC-IDP-005", "Identity provider endpoint over plain HTTP", AuditSeverity.High, "idp",
            "Codes, tokens, client secrets and signing keys fetched from an http:// endpoint can be read or replaced on the network.",
            "Use https:// for every endpoint of the provider (authorization, token, user info, JWKS, logout, SSO service).",
            [Refs.AsvsTlsServer, Refs.GuideIdp],
            realm => Enabled(realm).SelectMany(i => Endpoints(i)
                .Where(e => ClientRules.IsPlainHttpToRemote(e.Value))
                .Select(e => new RuleHit(i.At("config." + e.Name), $"Identity provider '{i.Text("alias")}' {e.Name} is {e.Value}.", i.ConfigNode(e.Name))))),
    ];

    private static IEnumerable<ObjectView> Enabled(RealmView realm) => realm.IdentityProviders.Where(i => i.Bool("enabled", true));

    private static IEnumerable<(string Name, string Value)> Endpoints(ObjectView idp) =>
        EndpointNames.Select(n => (n, idp.Config(n) ?? "")).Where(e => e.Item2.Length > 0);
}
