using System.Globalization;

namespace IamOps.Core.KeycloakAudit.Rules;

/// <summary>Token and session lifespans, refresh-token rotation.</summary>
internal static class TokenRules
{
    public static IEnumerable<AuditRule> All =>
    [
        new("KC-TOKEN-001", "Access tokens live longer than 30 minutes", AuditSeverity.Medium, "tokens",
            "A bearer access token cannot be revoked at resource servers that validate it locally; a stolen one is usable for its whole life. Keycloak's default is 5 minutes.",
            "Set Realm settings > Tokens > Access Token Lifespan to 5–15 minutes and rely on refresh tokens.",
            [Refs.BcpStolenTokens, Refs.GuideTimeouts],
            realm => Hits.IfField(realm.Number("accessTokenLifespan", 300) > 1800, realm, "accessTokenLifespan",
                Invariant($"accessTokenLifespan is {Duration(realm.Number("accessTokenLifespan", 300))}."))),

        new("KC-TOKEN-002", "SSO sessions stay open long when idle", AuditSeverity.Low, "tokens",
            "An SSO session idle for more than two hours is likely on an unattended or shared device; ASVS level 2 asks for re-authentication after 30 minutes of inactivity for sensitive applications.",
            "Set SSO Session Idle to 30 minutes (Keycloak's default) up to two hours.",
            [Refs.AsvsReauth, Refs.GuideTimeouts],
            realm => Hits.IfField(realm.Number("ssoSessionIdleTimeout", 1800) > 7200, realm, "ssoSessionIdleTimeout",
                Invariant($"ssoSessionIdleTimeout is {Duration(realm.Number("ssoSessionIdleTimeout", 1800))}."))),

        new("KC-TOKEN-003", "SSO sessions last longer than 12 hours", AuditSeverity.Medium, "tokens",
            "ASVS level 2 asks for re-authentication at least every 12 hours; longer SSO sessions keep stolen session cookies and refresh tokens useful.",
            "Set SSO Session Max to 12 hours or less (Keycloak's default is 10 hours).",
            [Refs.AsvsReauth, Refs.GuideTimeouts],
            realm => Hits.IfField(realm.Number("ssoSessionMaxLifespan", 36000) > 43200, realm, "ssoSessionMaxLifespan",
                Invariant($"ssoSessionMaxLifespan is {Duration(realm.Number("ssoSessionMaxLifespan", 36000))}."))),

        new("KC-TOKEN-004", "Offline sessions never expire", AuditSeverity.Low, "tokens",
            "Offline tokens are long-lived refresh tokens; without 'Offline Session Max Limited' one is valid as long as it is used every 30 days, forever.",
            "Turn on Offline Session Max Limited (offlineSessionMaxLifespanEnabled) with a maximum such as 60 days.",
            [Refs.Asvs5RefreshExpiry, Refs.GuideTimeouts],
            realm => Hits.IfField(!realm.Bool("offlineSessionMaxLifespanEnabled", false), realm, "offlineSessionMaxLifespanEnabled",
                "Offline sessions have no absolute maximum lifespan.")),

        new("KC-TOKEN-005", "Refresh tokens are not rotated", AuditSeverity.Medium, "tokens",
            "With revokeRefreshToken=false a refresh token can be used again and again; a stolen one from a public client goes undetected. RFC 9700 asks for rotation or sender-constrained refresh tokens for public clients.",
            "Turn on Realm settings > Tokens > Revoke Refresh Token (revokeRefreshToken=true) with Refresh Token Max Reuse 0.",
            [Refs.BcpRefreshTokens, Refs.BcpRefreshProtection, Refs.Asvs5RefreshReplay, Refs.GuideTimeouts],
            realm => Hits.IfField(!realm.Bool("revokeRefreshToken", false), realm, "revokeRefreshToken",
                "revokeRefreshToken is off: refresh tokens are reusable.")),

        new("KC-TOKEN-006", "Rotated refresh tokens may still be reused", AuditSeverity.Low, "tokens",
            "refreshTokenMaxReuse above 0 accepts an already-used refresh token again, which hides the replay that rotation is meant to reveal.",
            "Set Refresh Token Max Reuse to 0.",
            [Refs.BcpRefreshProtection, Refs.GuideTimeouts],
            realm => Hits.IfField(realm.Bool("revokeRefreshToken", false) && realm.Number("refreshTokenMaxReuse", 0) > 0, realm, "refreshTokenMaxReuse",
                Invariant($"refreshTokenMaxReuse is {realm.Number("refreshTokenMaxReuse", 0)}."))),

        new("KC-TOKEN-007", "Authorization codes live longer than 5 minutes", AuditSeverity.Low, "tokens",
            "An authorization code is a one-time credential exchanged within seconds; a long lifespan widens the window to inject or replay an intercepted code. Keycloak's default is 60 s.",
            "Set Client login timeout (accessCodeLifespan) to 60 s.",
            [Refs.BcpCodeGrant, Refs.GuideTimeouts],
            realm => Hits.IfField(realm.Number("accessCodeLifespan", 60) > 300, realm, "accessCodeLifespan",
                Invariant($"accessCodeLifespan is {Duration(realm.Number("accessCodeLifespan", 60))}."))),
    ];

    public static string Duration(long seconds) => seconds switch
    {
        >= 86400 when seconds % 86400 == 0 => Invariant($"{seconds} s ({seconds / 86400} d)"),
        >= 3600 when seconds % 3600 == 0 => Invariant($"{seconds} s ({seconds / 3600} h)"),
        >= 60 when seconds % 60 == 0 => Invariant($"{seconds} s ({seconds / 60} min)"),
        _ => Invariant($"{seconds} s"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
