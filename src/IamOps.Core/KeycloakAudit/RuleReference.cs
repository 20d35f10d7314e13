namespace IamOps.Core.KeycloakAudit;

/// <summary>A standard or guide a rule rests on: RFC 9700, OWASP ASVS or the Keycloak Server Administration Guide.</summary>
public sealed record RuleReference(string Source, string Id, string Title, Uri Url)
{
    private const string GuideBase = "https://www.keycloak.org/docs/latest/server_admin/index.html#";

    /// <summary>A section of RFC 9700, the OAuth 2.0 Security Best Current Practice.</summary>
    public static RuleReference Rfc9700(string section, string title) =>
        new("RFC 9700", "§" + section, title, new Uri("https://www.rfc-editor.org/rfc/rfc9700.html#section-" + section));

    /// <summary>A requirement of OWASP ASVS 4.0.3, e.g. <c>V2.2.1</c>.</summary>
    public static RuleReference Asvs4(string id, string title) =>
        new("OWASP ASVS 4.0.3", id, title, new Uri("https://github.com/OWASP/ASVS/blob/v4.0.3/4.0/en/0x11-V2-Authentication.md"
            .Replace("0x11-V2-Authentication", Asvs4Chapter(id), StringComparison.Ordinal)));

    /// <summary>A requirement of OWASP ASVS 5.0, e.g. <c>V10.4.6</c>.</summary>
    public static RuleReference Asvs5(string id, string title) =>
        new("OWASP ASVS 5.0", id, title, new Uri("https://github.com/OWASP/ASVS/tree/v5.0.0/5.0/en"));

    /// <summary>A section of the Keycloak Server Administration Guide, by its anchor.</summary>
    public static RuleReference Guide(string anchor, string title) =>
        new("Keycloak Server Administration Guide", title, title, new Uri(GuideBase + anchor));

    private static string Asvs4Chapter(string id) => id.Split('.')[0] switch
    {
        "V2" => "0x11-V2-Authentication",
        "V3" => "0x12-V3-Session-management",
        "V6" => "0x14-V6-Cryptography",
        "V7" => "0x15-V7-Error-Logging",
        "V8" => "0x16-V8-Data-Protection",
        "V9" => "0x17-V9-Communications",
        "V14" => "0x22-V14-Config",
        _ => "0x10-V1-Architecture",
    };
}
