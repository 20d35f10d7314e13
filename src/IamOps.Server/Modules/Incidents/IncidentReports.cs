using System.Globalization;
using System.Text;
using IamOps.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Incidents;

/// <summary>One client's month: incidents opened, mean times to acknowledge and resolve (wall-clock minutes) and SLA compliance.</summary>
public sealed record IncidentReportRow(
    Guid ClientOrganisationId, string Client, string Month, int Opened, int Acknowledged, int Resolved,
    double? MttaMinutes, double? MttrMinutes, int ResponseBreaches, int ResolutionBreaches, double? CompliancePercent);

public sealed record IncidentReport(string Month, IReadOnlyList<IncidentReportRow> Rows);

/// <summary>MTTA, MTTR and SLA compliance per client for a month, as JSON or CSV.</summary>
internal static class IncidentReports
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/reports", JsonAsync).WithName("GetIncidentReport");
        group.MapGet("/reports.csv", CsvAsync).WithName("ExportIncidentReport");
    }

    internal static async Task<Results<Ok<IncidentReport>, ValidationProblem>> JsonAsync(string? month, Guid? clientOrganisationId, IamOpsDb db, TimeProvider clock, CancellationToken ct)
    {
        if (!TryMonth(month, clock, out var start))
        {
            return BadMonth(month);
        }
        return TypedResults.Ok(await BuildAsync(db, start, clientOrganisationId, clock.GetUtcNow(), ct));
    }

    internal static async Task<Results<FileContentHttpResult, ValidationProblem>> CsvAsync(string? month, Guid? clientOrganisationId, IamOpsDb db, TimeProvider clock, CancellationToken ct)
    {
        if (!TryMonth(month, clock, out var start))
        {
            return BadMonth(month);
        }
        var report = await BuildAsync(db, start, clientOrganisationId, clock.GetUtcNow(), ct);
        var csv = new StringBuilder("client,client_id,month,opened,acknowledged,resolved,mtta_minutes,mttr_minutes,response_breaches,resolution_breaches,compliance_percent\n");
        foreach (var r in report.Rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{Quote(r.Client)},{r.ClientOrganisationId},{r.Month},{r.Opened},{r.Acknowledged},{r.Resolved},")
               .Append(CultureInfo.InvariantCulture, $"{r.MttaMinutes},{r.MttrMinutes},{r.ResponseBreaches},{r.ResolutionBreaches},{r.CompliancePercent}\n");
        }
        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"incidents-{report.Month}.csv");
    }

    public static async Task<IncidentReport> BuildAsync(IamOpsDb db, DateTimeOffset start, Guid? clientOrganisationId, DateTimeOffset now, CancellationToken ct)
    {
        var end = start.AddMonths(1);
        var query = db.Set<Incident>().AsNoTracking().Where(i => i.OpenedAt >= start && i.OpenedAt < end);
        if (clientOrganisationId is { } client)
        {
            query = query.Where(i => i.ClientOrganisationId == client);
        }
        var incidents = await query.ToListAsync(ct);
        var clientIds = incidents.Select(i => i.ClientOrganisationId).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => clientIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var label = start.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var rows = incidents.GroupBy(i => i.ClientOrganisationId).Select(g =>
        {
            var acked = g.Where(i => i.AcknowledgedAt is not null).ToList();
            var resolved = g.Where(i => i.ResolvedAt is not null).ToList();
            var responseBreaches = g.Count(i => Breached(i.Response, now));
            var resolutionBreaches = g.Count(i => Breached(i.Resolution, now));
            var measured = g.Where(i => i.Response.TargetMinutes is not null || i.Resolution.TargetMinutes is not null).ToList();
            var compliant = measured.Count(i => !Breached(i.Response, now) && !Breached(i.Resolution, now));
            return new IncidentReportRow(g.Key, names.GetValueOrDefault(g.Key, g.Key.ToString()), label, g.Count(), acked.Count, resolved.Count,
                acked.Count == 0 ? null : Math.Round(acked.Average(i => (i.AcknowledgedAt!.Value - i.OpenedAt).TotalMinutes), 1),
                resolved.Count == 0 ? null : Math.Round(resolved.Average(i => (i.ResolvedAt!.Value - i.OpenedAt).TotalMinutes), 1),
                responseBreaches, resolutionBreaches,
                measured.Count == 0 ? null : Math.Round(100.0 * compliant / measured.Count, 1));
        }).OrderBy(r => r.Client, StringComparer.Ordinal).ToList();
        return new IncidentReport(label, rows);
    }

    // A clock counts as breached once the sweep recorded it, or when it stopped past its target before the sweep saw it.
    private static bool Breached(SlaClock clock, DateTimeOffset now) =>
        clock.BreachedAt is not null || clock.Met == false || (clock.DueAt is { } due && due < now);

    private static bool TryMonth(string? month, TimeProvider clock, out DateTimeOffset start)
    {
        if (string.IsNullOrWhiteSpace(month))
        {
            var now = clock.GetUtcNow();
            start = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
            return true;
        }
        var ok = DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed);
        start = ok ? new DateTimeOffset(parsed.Year, parsed.Month, 1, 0, 0, 0, TimeSpan.Zero) : default;
        return ok;
    }

    private static ValidationProblem BadMonth(string? month) => TypedResults.ValidationProblem(new Dictionary<string, string[]>
    {
        ["month"] = [$"'{month}' is not a month; use yyyy-MM, e.g. 2026-11."],
    });

    private static string Quote(string text) => text.IndexOfAny([',', '"', '\n']) < 0 ? text : $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
