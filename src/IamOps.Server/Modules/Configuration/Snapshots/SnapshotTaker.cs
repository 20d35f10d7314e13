using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IamOps.Core.AuditTrail;
using IamOps.Server.Data;
using IamOps.Server.Modules.AuditTrail;
using IamOps.Server.Modules.Changes;
using IamOps.Server.Modules.Clusters;
using IamOps.Server.Modules.Configuration.Keycloak;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Configuration.Snapshots;

/// <summary>What one realm's snapshot gave: a new version, an unchanged reading (no content stored again) or a failure.</summary>
public sealed record SnapshotOutcome(string Realm, bool Unchanged, SnapshotDto Snapshot, DriftDto? Drift);

/// <summary>Result of a snapshot request for a cluster.</summary>
public sealed record SnapshotRun(bool ClusterFound, string? NotConfigured, IReadOnlyList<SnapshotOutcome> Outcomes);

/// <summary>Reads a cluster's realms, stores changed ones as new versions, records failures and detects drift.</summary>
public sealed class SnapshotTaker(
    IamOpsDb db, IClusterConnections connections, KeycloakAdminClientFactory clients, INotifier notifier, TenantContext tenant,
    AuditScope audit, TimeProvider clock, IServiceProvider services, ILogger<SnapshotTaker> log)
{
    private const int SummaryLines = 15;

    public async Task<SnapshotRun> TakeAsync(Guid clusterId, string? realm, SnapshotTrigger trigger, CancellationToken ct)
    {
        var cluster = await db.Set<Cluster>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == clusterId, ct);
        if (cluster is null)
        {
            return new SnapshotRun(false, null, []);
        }
        var endpoint = await connections.KeycloakAsync(clusterId, ct);
        if (endpoint is null)
        {
            return new SnapshotRun(true, $"Cluster {cluster.Name} has no Keycloak Admin API connection; provider staff set it with PUT /api/v1/clusters/{clusterId}/connection.", []);
        }
        audit.ActivityKey = RaciActivities.KeycloakConfigurationByClient;
        var client = clients.Create(endpoint);
        var outcomes = new List<SnapshotOutcome>();
        IReadOnlyList<string> realms;
        try
        {
            realms = realm is not null ? [realm] : [.. (await client.GetRealmsAsync(ct)).Select(r => r.Realm!).Where(r => r is not null)];
        }
        catch (KeycloakApiException e)
        {
            outcomes.Add(await FailAsync(cluster, "*", trigger, e, ct));
            return new SnapshotRun(true, null, outcomes);
        }
        foreach (var name in realms)
        {
            JsonObject document;
            try
            {
                document = await RealmSnapshotReader.ReadAsync(client, name, ct);
            }
            catch (KeycloakApiException e)
            {
                outcomes.Add(await FailAsync(cluster, name, trigger, e, ct));
                continue;
            }
            outcomes.Add(await StoreAsync(cluster, name, trigger, document, ct));
        }
        return new SnapshotRun(true, null, outcomes);
    }

    private async Task<SnapshotOutcome> FailAsync(Cluster cluster, string realm, SnapshotTrigger trigger, KeycloakApiException e, CancellationToken ct)
    {
        log.LogWarning("Snapshot of realm {Realm} of cluster {ClusterId} failed: {Reason}", realm, cluster.Id, e.Message);
        var snapshot = New(cluster, realm, trigger);
        snapshot.Status = SnapshotStatus.Failed;
        snapshot.Error = e.Message.Length <= 2000 ? e.Message : e.Message[..1999] + "…";
        snapshot.ErrorStatus = e.Status is { } s ? (int)s : null;
        db.Add(snapshot);
        await db.SaveChangesAsync(ct);
        return new SnapshotOutcome(realm, false, SnapshotDto.From(snapshot), null);
    }

    private async Task<SnapshotOutcome> StoreAsync(Cluster cluster, string realm, SnapshotTrigger trigger, JsonObject document, CancellationToken ct)
    {
        var json = CanonicalJson.Serialize(document);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        var previous = await db.Set<ConfigurationSnapshot>().AsNoTracking()
            .Where(s => s.ClusterId == cluster.Id && s.Realm == realm && s.Status == SnapshotStatus.Succeeded)
            .OrderByDescending(s => s.Version).FirstOrDefaultAsync(ct);
        var snapshot = New(cluster, realm, trigger);
        if (previous?.Sha256 == sha)
        {
            snapshot.Status = SnapshotStatus.Unchanged;
            snapshot.Version = previous.Version;
            snapshot.Sha256 = sha;
            snapshot.ChangeCount = 0;
            db.Add(snapshot);
            await db.SaveChangesAsync(ct);
            return new SnapshotOutcome(realm, true, SnapshotDto.From(snapshot), null);
        }

        snapshot.Status = SnapshotStatus.Succeeded;
        snapshot.Version = (previous?.Version ?? 0) + 1;
        snapshot.Sha256 = sha;
        db.Add(snapshot);
        db.Add(new ConfigurationSnapshotContent { Id = snapshot.Id, ClientOrganisationId = cluster.ClientOrganisationId, Json = json });

        ConfigurationDrift? drift = null;
        if (previous is not null)
        {
            var before = await db.Set<ConfigurationSnapshotContent>().AsNoTracking().SingleAsync(c => c.Id == previous.Id, ct);
            var changes = JsonDiff.Compare(JsonNode.Parse(before.Json), JsonNode.Parse(json));
            snapshot.ChangeCount = changes.Count;
            var approved = await ApprovedChangesAsync(cluster.Id, previous.TakenAt, snapshot.TakenAt, ct);
            if (approved.Count > 0)
            {
                snapshot.ApprovedChanges = Trim(string.Join('\n', approved.Select(a => $"{a.Id}: {a.Title}")), 2000);
            }
            else
            {
                drift = new ConfigurationDrift
                {
                    ClientOrganisationId = cluster.ClientOrganisationId,
                    ClusterId = cluster.Id,
                    Realm = realm,
                    FromSnapshotId = previous.Id,
                    ToSnapshotId = snapshot.Id,
                    DetectedAt = snapshot.TakenAt,
                    ChangeCount = changes.Count,
                    Summary = Summary(changes),
                };
                db.Add(drift);
                await notifier.NotifyAsync(new NotificationMessage(
                    cluster.ClientOrganisationId, Party.Client, RaciActivities.KeycloakConfigurationByClient,
                    $"Configuration drift on realm {realm} of {cluster.Name}",
                    $"{changes.Count} change(s) between version {previous.Version} ({previous.TakenAt:yyyy-MM-dd HH:mm} UTC) and version {snapshot.Version}, "
                    + $"not covered by an approved change request:\n{drift.Summary}",
                    ConfigurationModule.DriftLocation(cluster.Id, drift.Id), EventType: "configuration.drift"), ct);
            }
        }
        await db.SaveChangesAsync(ct);
        return new SnapshotOutcome(realm, false, SnapshotDto.From(snapshot), drift is null ? null : DriftDto.From(drift));
    }

    private async Task<IReadOnlyList<ApprovedChangeRef>> ApprovedChangesAsync(Guid clusterId, DateTimeOffset since, DateTimeOffset until, CancellationToken ct)
    {
        // Until the change-management module is installed nothing is approved, so every change is reported as drift.
        var lookup = services.GetService<IApprovedChangeLookup>();
        return lookup is null ? [] : await lookup.CoveringAsync(clusterId, since, until, ct);
    }

    private ConfigurationSnapshot New(Cluster cluster, string realm, SnapshotTrigger trigger) => new()
    {
        ClientOrganisationId = cluster.ClientOrganisationId,
        ClusterId = cluster.Id,
        Realm = realm,
        Trigger = trigger,
        TakenAt = clock.GetUtcNow(),
        TakenBy = tenant.UserEmail ?? "system",
    };

    internal static string Summary(IReadOnlyList<DiffEntry> changes)
    {
        var lines = changes.Take(SummaryLines).Select(c => c.Kind switch
        {
            DiffKind.Added => $"+ {c.Path}",
            DiffKind.Removed => $"- {c.Path}",
            DiffKind.Changed => $"~ {c.Path}: {Short(c.Old)} → {Short(c.New)}",
        }).ToList();
        if (changes.Count > SummaryLines)
        {
            lines.Add($"… and {changes.Count - SummaryLines} more");
        }
        return Trim(string.Join('\n', lines), 4000);
    }

    private static string Short(JsonNode? node) => Trim(node?.ToJsonString() ?? "null", 80);

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
