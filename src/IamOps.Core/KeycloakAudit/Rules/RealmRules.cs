using System.Globalization;

namespace IamOps.Core.KeycloakAudit.Rules;

/// <summary>Realm-wide transport and brute-force protection.</summary>
internal static class RealmRules
{
    public static IEnumerable<AuditRule> All =>
    [
        new("KC-REALM-001", "TLS is not required (sslRequired=none)", AuditSeverity.Critical, "realm",
            "With sslRequired=none Keycloak accepts logins, tokens and admin calls over plain HTTP from any address, so passwords, codes and tokens travel in clear text.",
            "Set Realm settings > General > Require SSL to 'all requests' (sslRequired=all), or at least 'external requests'.",
            [Refs.BcpTls, Refs.AsvsTls, Refs.GuideSsl],
            realm => Hits.IfField(SslRequired(realm) == "none", realm, "sslRequired",
                "sslRequired is 'none': HTTP is accepted from every address.")),

        new("KC-REALM-002", "TLS is only required for external addresses", AuditSeverity.Low, "realm",
            "sslRequired=external (Keycloak's default) still accepts plain HTTP from private addresses (10/8, 172.16/12, 192.168/16, localhost); behind a proxy or in a shared network that traffic can be read.",
            "Set sslRequired=all once every client reaches Keycloak over HTTPS.",
            [Refs.AsvsTls, Refs.GuideSsl],
            realm => Hits.IfField(SslRequired(realm) == "external", realm, "sslRequired",
                realm.Field("sslRequired") is null
                    ? "sslRequired is absent, so Keycloak's default 'external' applies: HTTP is accepted from private addresses."
                    : "sslRequired is 'external': HTTP is accepted from private addresses.")),

        new("KC-REALM-003", "Brute-force detection is off", AuditSeverity.High, "realm",
            "Without brute-force detection an attacker can try passwords and OTP codes without limit. Keycloak leaves it off by default.",
            "Turn on Realm settings > Security defenses > Brute force detection (bruteForceProtected=true), lockout temporary.",
            [Refs.AsvsAntiAutomation, Refs.GuideBruteForce],
            realm => Hits.IfField(!realm.Bool("bruteForceProtected", false), realm, "bruteForceProtected",
                realm.Field("bruteForceProtected") is null
                    ? "bruteForceProtected is absent: Keycloak's default is off."
                    : "bruteForceProtected is false.")),

        new("KC-REALM-004", "Brute-force detection allows too many failures", AuditSeverity.Medium, "realm",
            "failureFactor is the number of failed logins before a lockout. Keycloak's default of 30 lets an attacker try 30 passwords per lockout window; 5 to 10 is usual.",
            "Set Max login failures (failureFactor) to 10 or fewer.",
            [Refs.AsvsAntiAutomation, Refs.GuideBruteForce],
            realm => Hits.IfField(realm.Bool("bruteForceProtected", false) && realm.Number("failureFactor", 30) > 10, realm, "failureFactor",
                Invariant($"failureFactor is {realm.Number("failureFactor", 30)}: more than 10 failed logins before a lockout."))),

        new("KC-REALM-005", "Brute-force lockouts are too short", AuditSeverity.Low, "realm",
            "A lockout shorter than a minute (waitIncrementSeconds) or capped under five minutes (maxFailureWaitSeconds) slows an online guessing attack only marginally.",
            "Set Wait increment to at least 60 s and Max wait to at least 900 s (Keycloak's defaults).",
            [Refs.AsvsAntiAutomation, Refs.GuideBruteForce],
            realm =>
            {
                var increment = realm.Number("waitIncrementSeconds", 60);
                var max = realm.Number("maxFailureWaitSeconds", 900);
                var name = increment < 60 ? "waitIncrementSeconds" : "maxFailureWaitSeconds";
                return Hits.IfField(realm.Bool("bruteForceProtected", false) && !realm.Bool("permanentLockout", false) && (increment < 60 || max < 300),
                    realm, name, Invariant($"Lockouts last {increment} s, at most {max} s."));
            }),

        new("KC-REALM-006", "Permanent lockout lets anyone lock users out", AuditSeverity.Low, "realm",
            "With permanentLockout and no temporary lockouts first (maxTemporaryLockouts=0), anyone who knows a username disables that account with a few wrong passwords: a denial of service that needs an administrator to undo.",
            "Use temporary lockouts, or set maxTemporaryLockouts so that a permanent lockout only follows repeated temporary ones.",
            [Refs.AsvsAntiAutomation, Refs.GuideBruteForce],
            realm => Hits.IfField(realm.Bool("bruteForceProtected", false) && realm.Bool("permanentLockout", false) && realm.Number("maxTemporaryLockouts", 0) == 0,
                realm, "permanentLockout", "permanentLockout is true with no temporary lockouts first.")),
    ];

    /// <summary>The effective sslRequired: Keycloak applies 'external' when it is absent.</summary>
    public static string SslRequired(RealmView realm) => (realm.Text("sslRequired") ?? "external").ToLowerInvariant();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
