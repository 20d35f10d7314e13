namespace IamOps.Core.KeycloakAudit.Rules;

/// <summary>Self-registration, e-mail verification and the realm's SMTP server.</summary>
internal static class RegistrationRules
{
    public static IEnumerable<AuditRule> All =>
    [
        new("KC-REG-001", "Self-registration without e-mail verification", AuditSeverity.Medium, "registration",
            "When anyone can register and e-mails are not verified, an attacker registers with someone else's address: impersonation, and account takeover where applications or identity brokering trust the e-mail.",
            "Turn on Realm settings > Login > Verify email (verifyEmail=true), or turn off User registration.",
            [Refs.AsvsEmailVerify, Refs.GuideRegistration],
            realm => Hits.IfField(realm.Bool("registrationAllowed", false) && !realm.Bool("verifyEmail", false), realm, "verifyEmail",
                "registrationAllowed is on and verifyEmail is off.")),

        new("KC-REG-002", "Several users may share an e-mail address", AuditSeverity.Low, "registration",
            "duplicateEmailsAllowed breaks the assumption that an e-mail identifies one user, which identity brokering, password reset and applications rely on.",
            "Turn off Duplicate emails (duplicateEmailsAllowed=false).",
            [Refs.AsvsEmailVerify, Refs.GuideRegistration],
            realm => Hits.IfField(realm.Bool("duplicateEmailsAllowed", false), realm, "duplicateEmailsAllowed", "duplicateEmailsAllowed is on.")),

        new("KC-REG-003", "SMTP without TLS", AuditSeverity.High, "registration",
            "Keycloak e-mails password-reset and verification links; over SMTP without SSL or StartTLS those links and the SMTP password cross the network in clear.",
            "Turn on 'Enable SSL' or 'Enable StartTLS' in Realm settings > Email (smtpServer.ssl or smtpServer.starttls).",
            [Refs.AsvsTlsServer, Refs.GuideEmail],
            realm =>
            {
                if (realm.Field("smtpServer") is not { ValueKind: System.Text.Json.JsonValueKind.Object } smtp || string.IsNullOrWhiteSpace(Json.Text(smtp, "host")))
                {
                    return Hits.None;
                }
                var tls = (Json.Bool(smtp, "ssl") ?? false) || (Json.Bool(smtp, "starttls") ?? false);
                return Hits.If(!tls, realm.Path("smtpServer"), $"SMTP server {Json.Text(smtp, "host")} is used without SSL or StartTLS.", smtp);
            }),
    ];
}
