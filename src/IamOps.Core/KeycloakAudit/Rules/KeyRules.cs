using System.Globalization;

namespace IamOps.Core.KeycloakAudit.Rules;

/// <summary>Signature algorithm and realm key providers (<c>org.keycloak.keys.KeyProvider</c> components).</summary>
internal static class KeyRules
{
    private const string KeyProvider = "org.keycloak.keys.KeyProvider";

    public static IEnumerable<AuditRule> All =>
    [
        new("KC-KEY-001", "Tokens are signed with a shared secret (HMAC)", AuditSeverity.Medium, "keys",
            "With an HS* default signature algorithm every party that verifies tokens must hold the realm's secret key, and so can forge tokens. Keycloak's default is RS256.",
            "Set Realm settings > Tokens > Default signature algorithm to RS256, PS256 or ES256.",
            [Refs.AsvsKeySize, Refs.GuideKeys],
            realm => Hits.IfField((realm.Text("defaultSignatureAlgorithm") ?? "RS256").StartsWith("HS", StringComparison.OrdinalIgnoreCase), realm, "defaultSignatureAlgorithm",
                $"defaultSignatureAlgorithm is {realm.Text("defaultSignatureAlgorithm")}.")),

        new("KC-KEY-002", "RSA key shorter than 2048 bits", AuditSeverity.High, "keys",
            "RSA keys under 2048 bits are below every current recommendation (NIST SP 800-57, ANSSI) and can be factored by a determined attacker.",
            "Create an rsa-generated (and rsa-enc-generated) key provider with keySize 2048 or more, make it active, then disable the weak one.",
            [Refs.AsvsKeySize, Refs.GuideKeys],
            realm => Providers(realm, "rsa-generated", "rsa-enc-generated")
                .Where(k => Size(k, "keySize", 2048) < 2048)
                .Select(k => new RuleHit(k.At("config.keySize"), Invariant($"Key provider '{k.Text("name")}' generates {Size(k, "keySize", 2048)}-bit RSA keys."), k.ConfigNode("keySize")))),

        new("KC-KEY-003", "HMAC key shorter than 256 bits", AuditSeverity.Medium, "keys",
            "The hmac-generated key signs Keycloak's internal tokens (e.g. action tokens and cookies); a secret under 32 bytes weakens HS256 and below.",
            "Set the hmac-generated provider's secretSize to 64 (bytes) and algorithm HS512, then rotate.",
            [Refs.AsvsKeySize, Refs.GuideKeys],
            realm => Providers(realm, "hmac-generated")
                .Where(k => Size(k, "secretSize", 64) < 32)
                .Select(k => new RuleHit(k.At("config.secretSize"), Invariant($"Key provider '{k.Text("name")}' has a {Size(k, "secretSize", 64)}-byte secret."), k.ConfigNode("secretSize")))),

        new("KC-KEY-004", "AES key size is not valid", AuditSeverity.Medium, "keys",
            "The aes-generated key encrypts Keycloak's internal tokens; AES keys must be 16, 24 or 32 bytes.",
            "Set the aes-generated provider's secretSize to 16 or 32 (bytes).",
            [Refs.AsvsAlgorithms, Refs.GuideKeys],
            realm => Providers(realm, "aes-generated")
                .Where(k => Size(k, "secretSize", 16) is not (16 or 24 or 32))
                .Select(k => new RuleHit(k.At("config.secretSize"), Invariant($"Key provider '{k.Text("name")}' has a {Size(k, "secretSize", 16)}-byte AES key."), k.ConfigNode("secretSize")))),

        new("KC-KEY-005", "RSA encryption uses PKCS#1 v1.5 (RSA1_5)", AuditSeverity.Medium, "keys",
            "RSA1_5 key encryption is open to Bleichenbacher padding-oracle attacks; RFC 8725 advises against it.",
            "Set the rsa-enc-generated provider's algorithm to RSA-OAEP or RSA-OAEP-256.",
            [Refs.AsvsAlgorithms, Refs.GuideKeys],
            realm => Providers(realm, "rsa-enc-generated", "rsa-enc")
                .Where(k => k.Config("algorithm") == "RSA1_5")
                .Select(k => new RuleHit(k.At("config.algorithm"), $"Key provider '{k.Text("name")}' uses RSA1_5.", k.ConfigNode("algorithm")))),
    ];

    private static IEnumerable<ObjectView> Providers(RealmView realm, params string[] providerIds) =>
        realm.Components(KeyProvider).Where(k => k.Text("providerId") is { } id && providerIds.Contains(id) && k.Config("enabled") != "false");

    private static long Size(ObjectView key, string name, long @default) =>
        key.Config(name) is { } text && long.TryParse(text, CultureInfo.InvariantCulture, out var size) ? size : @default;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
