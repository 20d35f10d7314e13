using System.Globalization;
using System.Text.RegularExpressions;

namespace IamOps.Core.KeycloakAudit.Rules;

/// <summary>Security headers of the login pages (<c>browserSecurityHeaders</c>); an absent header keeps Keycloak's default.</summary>
internal static partial class HeaderRules
{
    public static IEnumerable<AuditRule> All =>
    [
        new("KC-HDR-001", "Content-Security-Policy does not restrict framing", AuditSeverity.Medium, "headers",
            "Keycloak's default CSP (frame-ancestors 'self') stops other sites from framing the login page; an empty policy or one without frame-ancestors allows clickjacking and weakens XSS defences.",
            "Restore contentSecurityPolicy to \"frame-src 'self'; frame-ancestors 'self'; object-src 'none';\".",
            [Refs.BcpClickjacking, Refs.AsvsCsp, Refs.GuideHeaders],
            realm => Header(realm, "contentSecurityPolicy") is { } csp && !csp.Contains("frame-ancestors", StringComparison.OrdinalIgnoreCase)
                ? Hit(realm, "contentSecurityPolicy", csp.Length == 0 ? "The Content-Security-Policy header is turned off." : $"Content-Security-Policy '{csp}' has no frame-ancestors.")
                : Hits.None),

        new("KC-HDR-002", "X-Frame-Options allows framing", AuditSeverity.Medium, "headers",
            "X-Frame-Options DENY or SAMEORIGIN stops older browsers from framing the login page; empty or ALLOW-FROM allows clickjacking of credentials.",
            "Set xFrameOptions to SAMEORIGIN (Keycloak's default) or DENY.",
            [Refs.BcpClickjacking, Refs.AsvsFraming, Refs.GuideHeaders],
            realm => Header(realm, "xFrameOptions") is { } value && !value.Equals("SAMEORIGIN", StringComparison.OrdinalIgnoreCase) && !value.Equals("DENY", StringComparison.OrdinalIgnoreCase)
                ? Hit(realm, "xFrameOptions", value.Length == 0 ? "The X-Frame-Options header is turned off." : $"X-Frame-Options is '{value}'.")
                : Hits.None),

        new("KC-HDR-003", "Strict-Transport-Security is missing or short", AuditSeverity.Medium, "headers",
            "HSTS makes browsers refuse plain HTTP to Keycloak after the first visit, defeating SSL stripping; under a year's max-age it lapses between visits.",
            "Set strictTransportSecurity to \"max-age=31536000; includeSubDomains\" (Keycloak's default).",
            [Refs.AsvsHsts, Refs.GuideHeaders],
            realm => Header(realm, "strictTransportSecurity") is { } value && MaxAge(value) < 31_536_000
                ? Hit(realm, "strictTransportSecurity", value.Length == 0 ? "The Strict-Transport-Security header is turned off." : $"Strict-Transport-Security is '{value}'.")
                : Hits.None),

        new("KC-HDR-004", "X-Content-Type-Options is not nosniff", AuditSeverity.Low, "headers",
            "Without nosniff a browser may guess content types and run an uploaded or reflected file as script.",
            "Set xContentTypeOptions to nosniff (Keycloak's default).",
            [Refs.AsvsNoSniff, Refs.GuideHeaders],
            realm => Header(realm, "xContentTypeOptions") is { } value && !value.Equals("nosniff", StringComparison.OrdinalIgnoreCase)
                ? Hit(realm, "xContentTypeOptions", $"X-Content-Type-Options is '{value}'.")
                : Hits.None),

        new("KC-HDR-005", "Referrer-Policy leaks URLs", AuditSeverity.Low, "headers",
            "Login and redirect URLs carry codes, state and sometimes tokens; a permissive Referrer-Policy sends them to third-party sites in the Referer header.",
            "Set referrerPolicy to no-referrer (Keycloak's default) or strict-origin.",
            [Refs.BcpReferer, Refs.AsvsReferrer, Refs.GuideHeaders],
            realm => Header(realm, "referrerPolicy") is { } value && value is "" or "unsafe-url" or "no-referrer-when-downgrade" or "origin-when-cross-origin"
                ? Hit(realm, "referrerPolicy", value.Length == 0 ? "The Referrer-Policy header is turned off." : $"Referrer-Policy is '{value}'.")
                : Hits.None),
    ];

    /// <summary>The configured header value, or null when absent (then Keycloak's safe default applies).</summary>
    private static string? Header(RealmView realm, string name) =>
        realm.Field("browserSecurityHeaders") is { ValueKind: System.Text.Json.JsonValueKind.Object } headers ? Json.Text(headers, name)?.Trim() : null;

    private static IEnumerable<RuleHit> Hit(RealmView realm, string name, string message) =>
        [new RuleHit(realm.Path("browserSecurityHeaders." + name), message,
            realm.Field("browserSecurityHeaders") is { } headers ? Json.Property(headers, name) : null)];

    private static long MaxAge(string value) =>
        MaxAgePattern().Match(value) is { Success: true } m && long.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out var age) ? age : 0;

    [GeneratedRegex(@"max-age\s*=\s*(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex MaxAgePattern();
}
