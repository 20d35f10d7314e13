using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace IamOps.Core.KeycloakAudit.Output;

/// <summary>Writes audit reports as a SARIF 2.1.0 log: every rule in <c>tool.driver.rules</c>, one result per finding.</summary>
/// <remarks>Findings carry a physical location (file, line, column of the JSON node) and a logical one (the JSON path);
/// accepted risks appear as results with an accepted external suppression, as SARIF consumers expect.</remarks>
public static class SarifWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string ToolName = "iamops-keycloak-audit";
    private const string InformationUri = "https://www.keycloak.org/docs/latest/server_admin/";

    private static readonly JsonWriterOptions Options = new() { Indented = true };

    public static void Write(Stream output, IReadOnlyList<RealmAuditReport> reports, IReadOnlyList<AuditRule> rules, AuditSeverity minimum)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(rules);
        var uris = new Dictionary<string, string>(StringComparer.Ordinal);
        var ruleIndex = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteString("$schema", SchemaUri);
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        WriteTool(json, rules);
        json.WriteStartArray("results");
        foreach (var report in reports)
        {
            foreach (var finding in report.Findings.Where(f => f.Severity >= minimum))
            {
                WriteResult(json, finding, ruleIndex.TryGetValue(finding.RuleId, out var index) ? index : null, uris);
                FlushIfLarge(json);
            }
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteTool(Utf8JsonWriter json, IReadOnlyList<AuditRule> rules)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", ToolName);
        json.WriteString("informationUri", InformationUri);
        json.WriteString("semanticVersion", Version());
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", PascalCase(rule.Title));
            Text(json, "shortDescription", rule.Title);
            Text(json, "fullDescription", rule.Rationale);
            json.WriteStartObject("help");
            json.WriteString("text", $"{rule.Rationale}\nFix: {rule.Fix}\nReferences: {string.Join("; ", rule.References.Select(r => $"{r.Source} {r.Id} {r.Title} <{r.Url}>"))}");
            json.WriteString("markdown", $"{rule.Rationale}\n\n**Fix:** {rule.Fix}\n\n**References:**\n{string.Join("\n", rule.References.Select(r => $"- [{r.Source} {r.Id}: {r.Title}]({r.Url})"))}");
            json.WriteEndObject();
            json.WriteString("helpUri", (rule.References.FirstOrDefault(r => r.Source.StartsWith("Keycloak", StringComparison.Ordinal)) ?? rule.References[0]).Url.ToString());
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", rule.Severity.SarifLevel());
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteStartArray("tags");
            json.WriteStringValue("security");
            json.WriteStringValue("keycloak");
            json.WriteStringValue(rule.Category);
            json.WriteEndArray();
            json.WriteString("severity", rule.Severity.ToText());
            json.WriteString("security-severity", rule.Severity.SecuritySeverity());
            json.WriteString("precision", "high");
            json.WriteStartArray("references");
            foreach (var reference in rule.References)
            {
                json.WriteStringValue($"{reference.Source} {reference.Id}: {reference.Title} <{reference.Url}>");
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, AuditFinding finding, int? ruleIndex, Dictionary<string, string> uris)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        if (ruleIndex is { } index)
        {
            json.WriteNumber("ruleIndex", index);
        }
        json.WriteString("level", finding.Severity.SarifLevel());
        Text(json, "message", $"[{finding.Realm}] {finding.Message} Fix: {finding.Fix}");
        json.WriteStartArray("locations");
        json.WriteStartObject();
        if (finding.Location is { } location)
        {
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            if (!uris.TryGetValue(location.File, out var uri))
            {
                uris[location.File] = uri = ToUri(location.File);
            }
            json.WriteString("uri", uri);
            json.WriteEndObject();
            json.WriteStartObject("region");
            json.WriteNumber("startLine", location.Line);
            json.WriteNumber("startColumn", location.Column);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteStartArray("logicalLocations");
        json.WriteStartObject();
        json.WriteString("fullyQualifiedName", finding.Path);
        json.WriteString("kind", "member");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("partialFingerprints");
        json.WriteString("realmJsonPath/v1", $"{finding.Realm}|{finding.Path}");
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteString("realm", finding.Realm);
        json.WriteString("severity", finding.Severity.ToText());
        json.WriteEndObject();
        if (finding.SuppressedBy is { } suppression)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "external");
            json.WriteString("status", "accepted");
            json.WriteString("justification", suppression.ExpiresAt is { } expires
                ? string.Create(CultureInfo.InvariantCulture, $"{suppression.Reason} (until {expires:O})")
                : suppression.Reason);
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    /// <summary>Utf8JsonWriter buffers everything until flushed: flush now and then so a large log streams to the output.</summary>
    internal static void FlushIfLarge(Utf8JsonWriter json)
    {
        if (json.BytesPending > 64 * 1024)
        {
            json.Flush();
        }
    }

    private static void Text(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    /// <summary>A file path as a URI reference: relative paths stay relative (for code scanning), absolute ones become file URIs.</summary>
    public static string ToUri(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Path.IsPathFullyQualified(path))
        {
            return new Uri(path).AbsoluteUri;
        }
        var segments = path.Replace('\\', '/').Split('/').Select(s => s is "." or ".." ? s : Uri.EscapeDataString(s));
        var relative = string.Join('/', segments);
        return relative.StartsWith("./", StringComparison.Ordinal) ? relative[2..] : relative;
    }

    private static string PascalCase(string title) =>
        string.Concat(title.Split([' ', '-', '(', ')', '=', '\'', '*', '.', ',', '/'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    private static string Version()
    {
        var version = typeof(SarifWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
