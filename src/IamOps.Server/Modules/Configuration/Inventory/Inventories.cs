using System.Globalization;
using System.Text;
using System.Text.Json;
using IamOps.Server.Data;
using IamOps.Server.Modules.AuditTrail;
using IamOps.Server.Modules.Clusters;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Configuration.Inventory;

/// <summary>On-demand inventory (provider R, client I): take one, list the history, read one as JSON or CSV.</summary>
internal static class Inventories
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/inventory", TakeAsync).WithName("TakeInventory").RequireAuthorization(Policies.ProviderStaff);
        group.MapGet("/inventory", ListAsync).WithName("ListInventories");
        group.MapGet("/inventory/{inventoryId:guid}", GetAsync).WithName("GetInventory");
        group.MapGet("/inventory/{inventoryId:guid}/csv", CsvAsync).WithName("ExportInventoryCsv");
    }

    internal static async Task<Results<Created<InventoryDto>, NotFound>> TakeAsync(
        Guid clusterId, IamOpsDb db, InventoryCollector collector, INotifier notifier, AuditScope audit, TenantContext tenant, TimeProvider clock,
        CancellationToken ct)
    {
        var cluster = await db.Set<Cluster>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == clusterId, ct);
        if (cluster is null)
        {
            return TypedResults.NotFound();
        }
        var content = await collector.CollectAsync(clusterId, ct);
        var problems = content.Servers.Select(s => s.Error).Append(content.Keycloak?.Error).Append(content.Postgres?.Error).OfType<string>().ToList();
        var report = new InventoryReport
        {
            ClientOrganisationId = cluster.ClientOrganisationId,
            ClusterId = clusterId,
            TakenAt = clock.GetUtcNow(),
            TakenBy = tenant.UserEmail,
            Problems = problems.Count == 0 ? null : Trim(string.Join('\n', problems), 4000),
            ContentJson = JsonSerializer.Serialize(content, Json),
        };
        db.Add(report);
        audit.ActivityKey = RaciActivities.OnDemandInventory;
        audit.RecordEvent(cluster.ClientOrganisationId, "inventory-taken", nameof(InventoryReport), report.Id.ToString(),
            JsonSerializer.Serialize(new { clusterId, servers = content.Servers.Count, problems = problems.Count }));
        var location = $"{ConfigurationModule.ClusterPath(clusterId)}/inventory/{report.Id}";
        await notifier.NotifyAsync(new NotificationMessage(cluster.ClientOrganisationId, Party.Client, RaciActivities.OnDemandInventory,
            $"Inventory of {cluster.Name}",
            $"{content.Servers.Count} server(s), Keycloak {content.Keycloak?.Version ?? "unknown"}, PostgreSQL {content.Postgres?.ServerVersion ?? "unknown"}."
            + (problems.Count == 0 ? "" : $" {problems.Count} source(s) could not be read."),
            location, EventType: "inventory.provided"), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created(location, Dto(report));
    }

    internal static async Task<Results<Ok<List<InventorySummaryDto>>, NotFound>> ListAsync(Guid clusterId, IamOpsDb db, CancellationToken ct)
    {
        if (!await db.Set<Cluster>().AnyAsync(c => c.Id == clusterId, ct))
        {
            return TypedResults.NotFound();
        }
        var reports = await db.Set<InventoryReport>().AsNoTracking().Where(r => r.ClusterId == clusterId).OrderByDescending(r => r.Id).Take(200)
            .Select(r => new InventorySummaryDto(r.Id, r.ClusterId, r.TakenAt, r.TakenBy, r.Problems)).ToListAsync(ct);
        return TypedResults.Ok(reports);
    }

    internal static async Task<Results<Ok<InventoryDto>, NotFound>> GetAsync(Guid clusterId, Guid inventoryId, IamOpsDb db, CancellationToken ct)
    {
        var report = await db.Set<InventoryReport>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == inventoryId && r.ClusterId == clusterId, ct);
        return report is null ? TypedResults.NotFound() : TypedResults.Ok(Dto(report));
    }

    internal static async Task<Results<FileContentHttpResult, NotFound>> CsvAsync(Guid clusterId, Guid inventoryId, IamOpsDb db, CancellationToken ct)
    {
        var report = await db.Set<InventoryReport>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == inventoryId && r.ClusterId == clusterId, ct);
        if (report is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.File(Encoding.UTF8.GetBytes(ToCsv(Dto(report).Content)), "text/csv; charset=utf-8",
            $"inventory-{clusterId}-{report.TakenAt.UtcDateTime.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.csv");
    }

    internal static InventoryDto Dto(InventoryReport r) =>
        new(r.Id, r.ClusterId, r.TakenAt, r.TakenBy, r.Problems, JsonSerializer.Deserialize<InventoryContent>(r.ContentJson, Json)!);

    /// <summary>One row per fact: section, item (server, SPI, extension, setting), key, value.</summary>
    internal static string ToCsv(InventoryContent content)
    {
        var csv = new StringBuilder("section,item,key,value\n");
        void Row(string section, string item, string key, object? value) =>
            csv.Append(Cell(section)).Append(',').Append(Cell(item)).Append(',').Append(Cell(key)).Append(',')
                .Append(Cell(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")).Append('\n');
        foreach (var s in content.Servers)
        {
            var item = s.Hostname ?? s.Source;
            Row("server", item, "source", s.Source);
            Row("server", item, "os", s.Os);
            Row("server", item, "os_version", s.OsVersion);
            Row("server", item, "kernel", $"{s.Kernel} {s.KernelRelease}".Trim());
            Row("server", item, "architecture", s.Architecture);
            Row("server", item, "cpus", s.Cpus);
            Row("server", item, "memory_bytes", s.MemoryBytes);
            foreach (var f in s.Filesystems)
            {
                Row("filesystem", item, f.Mountpoint, $"{f.FsType} {f.Device} size={f.SizeBytes} available={f.AvailableBytes}");
            }
            if (s.Error is not null)
            {
                Row("server", item, "error", s.Error);
            }
        }
        if (content.Keycloak is { } kc)
        {
            Row("keycloak", "server", "version", kc.Version);
            Row("keycloak", "features", "disabled", string.Join(' ', kc.DisabledFeatures));
            Row("keycloak", "features", "preview", string.Join(' ', kc.PreviewFeatures));
            Row("keycloak", "features", "experimental", string.Join(' ', kc.ExperimentalFeatures));
            foreach (var (spi, providers) in kc.Providers)
            {
                Row("keycloak-provider", spi, "providers", string.Join(' ', providers));
            }
            if (kc.Error is not null)
            {
                Row("keycloak", "server", "error", kc.Error);
            }
        }
        if (content.Postgres is { } pg)
        {
            Row("postgresql", "server", "version", pg.ServerVersion);
            Row("postgresql", "server", "version_string", pg.Version);
            foreach (var (name, version) in pg.Extensions)
            {
                Row("postgresql-extension", name, "version", version);
            }
            foreach (var s in pg.Settings)
            {
                Row("postgresql-setting", s.Name, s.Source, s.Unit is null ? s.Setting : $"{s.Setting} {s.Unit}");
            }
            if (pg.Error is not null)
            {
                Row("postgresql", "server", "error", pg.Error);
            }
        }
        return csv.ToString();
    }

    // Quoted when needed; a leading formula character is neutralised so spreadsheets do not execute it.
    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
