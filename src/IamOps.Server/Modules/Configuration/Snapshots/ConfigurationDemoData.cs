using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IamOps.Core.AuditTrail;
using IamOps.Server.Data;
using IamOps.Server.Modules.Clusters;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Configuration.Snapshots;

/// <summary>
/// Demo configuration history, since demo clusters have no Keycloak to read: acme-prod's realm "shop" in three versions (brute-force
/// detection turned on, then token lifetime raised and a wildcard redirect added, both as drifts) and globex-prod's realm "bank" once.
/// </summary>
/// <remarks>The realm is a small export written for the demo (embedded resource), secrets already masked as a snapshot stores them.</remarks>
internal static class ConfigurationDemoData
{
    public static async Task SeedAsync(IamOpsDb db, DateTimeOffset now, CancellationToken ct)
    {
        var clusters = await db.Set<Cluster>().IgnoreQueryFilters().ToDictionaryAsync(c => c.Name, ct);
        if (clusters.TryGetValue("acme-prod", out var acme))
        {
            var v1 = Realm();
            var v2 = Realm();
            v2["bruteForceProtected"] = true;
            v2["failureFactor"] = 10;
            v2["eventsEnabled"] = true;
            v2["eventsConfig"]!["eventsEnabled"] = true;
            var v3 = v2.DeepClone().AsObject();
            v3["accessTokenLifespan"] = 3600;
            var mobile = v3["clients"]!.AsArray().OfType<JsonObject>().Single(c => (string?)c["clientId"] == "mobile-app");
            mobile["redirectUris"]!.AsArray().Add("https://*.acme.example/app/*");
            Seed(db, acme, [(v1, now.AddDays(-14)), (v2, now.AddDays(-6)), (v3, now.AddDays(-1))]);
        }
        if (clusters.TryGetValue("globex-prod", out var globex))
        {
            var bank = Realm();
            bank["realm"] = "bank";
            bank["id"] = "8d0e4c61-3b7a-4e52-9f18-6a2c5e7d9b03";
            bank["displayName"] = "Online banking";
            bank["sslRequired"] = "all";
            bank["registrationAllowed"] = false;
            bank["bruteForceProtected"] = true;
            bank["failureFactor"] = 5;
            bank["passwordPolicy"] = "length(12) and notUsername(undefined) and passwordHistory(5)";
            Seed(db, globex, [(bank, now.AddDays(-3))]);
        }
        await db.SaveChangesAsync(ct);
    }

    private static void Seed(IamOpsDb db, Cluster cluster, IReadOnlyList<(JsonObject Content, DateTimeOffset At)> versions)
    {
        ConfigurationSnapshot? previous = null;
        string? previousJson = null;
        foreach (var (content, at) in versions)
        {
            var realm = (string)content["realm"]!;
            var json = CanonicalJson.Serialize(content);
            // Ids carry the reading's time, so lists ordered by id show the versions in order.
            var snapshot = new ConfigurationSnapshot
            {
                Id = Guid.CreateVersion7(at),
                ClientOrganisationId = cluster.ClientOrganisationId,
                ClusterId = cluster.Id,
                Realm = realm,
                Version = (previous?.Version ?? 0) + 1,
                Status = SnapshotStatus.Succeeded,
                Trigger = SnapshotTrigger.Scheduled,
                TakenAt = at,
                TakenBy = "system",
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json))),
            };
            db.Add(snapshot);
            db.Add(new ConfigurationSnapshotContent { Id = snapshot.Id, ClientOrganisationId = cluster.ClientOrganisationId, Json = json });
            if (previous is not null)
            {
                var changes = JsonDiff.Compare(JsonNode.Parse(previousJson!), JsonNode.Parse(json));
                snapshot.ChangeCount = changes.Count;
                db.Add(new ConfigurationDrift
                {
                    Id = Guid.CreateVersion7(at),
                    ClientOrganisationId = cluster.ClientOrganisationId,
                    ClusterId = cluster.Id,
                    Realm = realm,
                    FromSnapshotId = previous.Id,
                    ToSnapshotId = snapshot.Id,
                    DetectedAt = at,
                    ChangeCount = changes.Count,
                    Summary = SnapshotTaker.Summary(changes),
                });
            }
            (previous, previousJson) = (snapshot, json);
        }
    }

    private static JsonObject Realm()
    {
        using var stream = typeof(ConfigurationDemoData).Assembly.GetManifestResourceStream("IamOps.Server.Configuration.DemoRealm.json")
            ?? throw new InvalidOperationException("The demo realm is not embedded in the server assembly.");
        return JsonNode.Parse(stream)!.AsObject();
    }
}
