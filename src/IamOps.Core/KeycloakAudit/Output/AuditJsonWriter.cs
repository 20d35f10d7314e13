using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace IamOps.Core.KeycloakAudit.Output;

/// <summary>Writes audit reports as IamOps' own JSON: per realm its score, counts and findings at or above a severity.</summary>
public static class AuditJsonWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(Stream output, IReadOnlyList<RealmAuditReport> reports, AuditSeverity minimum)
    {
        ArgumentNullException.ThrowIfNull(reports);
        using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteString("tool", "iamops keycloak audit");
        json.WriteString("minSeverity", minimum.ToText());
        json.WriteNumber("findings", reports.Sum(r => r.Open(minimum).Count()));
        json.WriteStartArray("realms");
        foreach (var report in reports)
        {
            WriteReport(json, report, minimum);
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WriteReport(Utf8JsonWriter json, RealmAuditReport report, AuditSeverity minimum)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(report);
        json.WriteStartObject();
        json.WriteString("realm", report.Realm);
        WriteOptional(json, "file", report.File);
        WriteOptional(json, "keycloakVersion", report.KeycloakVersion);
        json.WriteNumber("score", report.Score);
        json.WriteStartObject("counts");
        foreach (var severity in Enum.GetValues<AuditSeverity>().Reverse())
        {
            json.WriteNumber(severity.ToText(), report.Count(severity));
        }
        json.WriteEndObject();
        json.WriteStartArray("findings");
        foreach (var finding in report.Findings.Where(f => f.Severity >= minimum))
        {
            WriteFinding(json, finding);
            SarifWriter.FlushIfLarge(json);
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter json, AuditFinding finding)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        json.WriteString("title", finding.Title);
        json.WriteString("severity", finding.Severity.ToText());
        json.WriteString("category", finding.Category);
        json.WriteString("path", finding.Path);
        json.WriteString("message", finding.Message);
        json.WriteString("fix", finding.Fix);
        if (finding.Location is { } location)
        {
            json.WriteString("file", location.File);
            json.WriteNumber("line", location.Line);
            json.WriteNumber("column", location.Column);
        }
        if (finding.SuppressedBy is { } suppression)
        {
            json.WriteStartObject("suppressed");
            json.WriteString("reason", suppression.Reason);
            WriteOptional(json, "approvedBy", suppression.ApprovedBy);
            WriteOptional(json, "expiresAt", suppression.ExpiresAt?.ToString("O", CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
