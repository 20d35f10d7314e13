using System.Globalization;

namespace IamOps.Core.KeycloakAudit.Rules;

/// <summary>Password policy (strength, hashing) and OTP policy.</summary>
internal static class PasswordRules
{
    // Minimum PBKDF2 iterations per OWASP's Password Storage Cheat Sheet; Keycloak 24+ defaults to pbkdf2-sha512 with 210,000.
    private static readonly Dictionary<string, long> MinIterations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pbkdf2-sha512"] = 210_000,
        ["pbkdf2-sha256"] = 600_000,
        ["pbkdf2"] = 1_300_000,
    };

    public static IEnumerable<AuditRule> All =>
    [
        new("KC-PWD-001", "No password policy", AuditSeverity.High, "password",
            "Without a password policy Keycloak accepts any password, even one character long. Keycloak creates realms without one.",
            "Add a password policy under Authentication > Policies, at least length(12), notUsername and passwordBlacklist.",
            [Refs.AsvsPasswordLength, Refs.GuidePasswordPolicies],
            realm => Hits.IfField(Policy(realm).Count == 0, realm, "passwordPolicy", "The realm has no password policy.")),

        new("KC-PWD-002", "Minimum password length under 12", AuditSeverity.Medium, "password",
            "ASVS asks for passwords of at least 12 characters; shorter ones fall quickly to guessing and cracking.",
            "Set the policy 'Minimum length' to 12 or more: length(12).",
            [Refs.AsvsPasswordLength, Refs.GuidePasswordPolicies],
            realm =>
            {
                var policy = Policy(realm);
                var length = policy.TryGetValue("length", out var text) && long.TryParse(text, CultureInfo.InvariantCulture, out var n) ? n : (long?)null;
                return Hits.IfField(policy.Count > 0 && (length ?? 0) < 12, realm, "passwordPolicy",
                    length is null ? "The password policy sets no minimum length." : Invariant($"The password policy's minimum length is {length}."));
            }),

        new("KC-PWD-003", "Too few password hashing iterations", AuditSeverity.Medium, "password",
            "The hashIterations policy lowers the PBKDF2 work factor below what OWASP recommends (210,000 for SHA-512, 600,000 for SHA-256), making stolen hashes cheaper to crack.",
            "Remove hashIterations to use Keycloak's default (pbkdf2-sha512, 210,000 since Keycloak 24) or set at least the recommended count.",
            [Refs.AsvsPbkdf2, Refs.GuidePasswordPolicies],
            realm =>
            {
                var policy = Policy(realm);
                var algorithm = policy.GetValueOrDefault("hashAlgorithm") ?? "pbkdf2-sha512";
                if (!policy.TryGetValue("hashIterations", out var text) || !long.TryParse(text, CultureInfo.InvariantCulture, out var iterations)
                    || !MinIterations.TryGetValue(algorithm, out var minimum) || iterations >= minimum)
                {
                    return Hits.None;
                }
                return Hits.IfField(true, realm, "passwordPolicy", Invariant($"hashIterations({iterations}) with {algorithm}: at least {minimum} are recommended."));
            }),

        new("KC-PWD-004", "Weak password hashing algorithm", AuditSeverity.Medium, "password",
            "hashAlgorithm(pbkdf2) is PBKDF2 with HMAC-SHA1; SHA-1 based hashing is deprecated for password storage.",
            "Use hashAlgorithm(pbkdf2-sha512) (Keycloak's default since 24) or argon2 where available.",
            [Refs.AsvsHashing, Refs.GuidePasswordPolicies],
            realm => Hits.IfField(Policy(realm).GetValueOrDefault("hashAlgorithm") is { } a && a.Equals("pbkdf2", StringComparison.OrdinalIgnoreCase),
                realm, "passwordPolicy", "hashAlgorithm(pbkdf2) uses HMAC-SHA1.")),

        new("KC-PWD-005", "Breached or common passwords are not refused", AuditSeverity.Low, "password",
            "Users pick passwords from public breach lists; without a blacklist policy Keycloak accepts them.",
            "Add the policy 'Password blacklist' (passwordBlacklist) with a list of common and breached passwords.",
            [Refs.AsvsBreached, Refs.GuidePasswordPolicies],
            realm => Hits.IfField(Policy(realm) is { Count: > 0 } p && !p.ContainsKey("passwordBlacklist"), realm, "passwordPolicy",
                "The password policy has no passwordBlacklist.")),

        new("KC-PWD-006", "Passwords may equal the username or e-mail", AuditSeverity.Low, "password",
            "A password equal to the username or e-mail address is the first guess of any attacker.",
            "Add the policies notUsername and notEmail.",
            [Refs.AsvsBreached, Refs.GuidePasswordPolicies],
            realm => Hits.IfField(Policy(realm) is { Count: > 0 } p && (!p.ContainsKey("notUsername") || !p.ContainsKey("notEmail")), realm, "passwordPolicy",
                "The password policy lacks notUsername or notEmail.")),

        new("KC-OTP-001", "OTP codes have fewer than 6 digits", AuditSeverity.Medium, "otp",
            "A one-time code of fewer than 6 digits can be guessed within a few lockout windows.",
            "Set Authentication > Policies > OTP policy > Number of digits to 6 or 8.",
            [Refs.AsvsOtpStrength, Refs.GuideOtp],
            realm => Hits.IfField(realm.Number("otpPolicyDigits", 6) < 6, realm, "otpPolicyDigits",
                Invariant($"otpPolicyDigits is {realm.Number("otpPolicyDigits", 6)}."))),

        new("KC-OTP-002", "OTP codes stay valid too long", AuditSeverity.Low, "otp",
            "A TOTP period over 60 s, or a look-ahead window over 1, widens the time a stolen or guessed code is accepted.",
            "Use a 30 s period and a look-ahead window of 1 (Keycloak's defaults).",
            [Refs.AsvsOtpLifetime, Refs.GuideOtp],
            realm =>
            {
                var totp = (realm.Text("otpPolicyType") ?? "totp") == "totp";
                var period = realm.Number("otpPolicyPeriod", 30);
                var window = realm.Number("otpPolicyLookAheadWindow", 1);
                return Hits.IfField((totp && period > 60) || window > 1, realm, period > 60 ? "otpPolicyPeriod" : "otpPolicyLookAheadWindow",
                    Invariant($"OTP period {period} s, look-ahead window {window}."));
            }),

        new("KC-OTP-003", "OTP codes can be reused", AuditSeverity.Medium, "otp",
            "otpPolicyCodeReusable lets the same code log in again within its validity: a shoulder-surfed or phished code can be replayed.",
            "Turn off 'Reusable token' in the OTP policy (otpPolicyCodeReusable=false).",
            [Refs.AsvsOtpOnce, Refs.GuideOtp],
            realm => Hits.IfField(realm.Bool("otpPolicyCodeReusable", false), realm, "otpPolicyCodeReusable", "otpPolicyCodeReusable is true.")),
    ];

    /// <summary>The policy string parsed into id → argument, e.g. <c>length(12) and notUsername(undefined)</c>.</summary>
    public static Dictionary<string, string> Policy(RealmView realm)
    {
        var policies = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in (realm.Text("passwordPolicy") ?? "").Split(" and ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var open = part.IndexOf('(', StringComparison.Ordinal);
            var id = open < 0 ? part : part[..open];
            var argument = open < 0 ? "" : part[(open + 1)..].TrimEnd(')');
            policies[id.Trim()] = argument.Trim();
        }
        return policies;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
