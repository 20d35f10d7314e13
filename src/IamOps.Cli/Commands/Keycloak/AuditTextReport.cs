using System.Globalization;
using IamOps.Cli.Infrastructure;
using IamOps.Core.KeycloakAudit;
using Spectre.Console;

namespace IamOps.Cli.Commands.Keycloak;

/// <summary>The text report: per realm a heading with its score and counts, then one table row per finding.</summary>
internal static class AuditTextReport
{
    public static void Write(IAnsiConsole console, IReadOnlyList<RealmAuditReport> reports, AuditSeverity minimum)
    {
        foreach (var report in reports)
        {
            var counts = string.Join(", ", Enum.GetValues<AuditSeverity>().Reverse()
                .Select(s => string.Create(CultureInfo.InvariantCulture, $"{report.Count(s)} {s.ToText()}")));
            console.Write(new Text(string.Create(CultureInfo.InvariantCulture,
                $"Realm {report.Realm} ({report.File ?? "live"}{(report.KeycloakVersion is { } v ? ", Keycloak " + v : "")}): score {report.Score}/100; {counts}") + Environment.NewLine,
                new Style(decoration: Decoration.Bold)));
            var shown = report.Findings.Where(f => f.Severity >= minimum)
                .OrderByDescending(f => f.Severity).ThenBy(f => f.RuleId, StringComparer.Ordinal).ToList();
            if (shown.Count == 0)
            {
                console.Write(new Text(string.Create(CultureInfo.InvariantCulture, $"No finding at or above {minimum.ToText()}.") + Environment.NewLine + Environment.NewLine));
                continue;
            }
            var table = Tables.Create("Severity", "Rule", "Where", "Finding", "Fix");
            foreach (var finding in shown)
            {
                var where = finding.Location is { } l ? string.Create(CultureInfo.InvariantCulture, $"line {l.Line}:{l.Column}\n{finding.Path}") : finding.Path;
                var severity = finding.SuppressedBy is { } s ? $"{finding.Severity.ToText()} (suppressed: {s.Reason})" : finding.Severity.ToText();
                table.Row(severity, finding.RuleId, where, finding.Message, finding.Fix);
            }
            console.Write(table);
            console.WriteLine();
        }
        var total = reports.Sum(r => r.Open(minimum).Count());
        console.Write(new Text(string.Create(CultureInfo.InvariantCulture,
            $"{total} finding{(total == 1 ? "" : "s")} at or above {minimum.ToText()} in {reports.Count} realm{(reports.Count == 1 ? "" : "s")}.") + Environment.NewLine));
    }
}
