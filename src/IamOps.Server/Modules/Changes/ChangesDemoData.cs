using IamOps.Server.Data;
using IamOps.Server.Modules.Clusters;
using IamOps.Server.Modules.Contracts;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using IamOps.Server.Modules.ResourceHistory;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Extensions;

namespace IamOps.Server.Modules.Changes;

/// <summary>A few demo changes per client: a closed one with its report, one scheduled in the next maintenance window, one in review, a client declaration.</summary>
internal static class ChangesDemoData
{
    public static async Task SeedAsync(IamOpsDb db, DateTimeOffset now, CancellationToken ct)
    {
        var clusters = await db.Set<Cluster>().IgnoreQueryFilters().ToDictionaryAsync(c => c.Name, ct);
        var contracts = await db.Set<Contract>().IgnoreQueryFilters().ToListAsync(ct);
        // Every demo client gets the same kinds of change, so that no state is one client's alone.
        foreach (var (prod, other, realm) in new[] { ("acme-prod", "acme-staging", "shop"), ("globex-prod", "globex-dev", "bank") })
        {
            if (clusters.TryGetValue(prod, out var p) && clusters.TryGetValue(other, out var o)
                && contracts.FirstOrDefault(k => k.ClientOrganisationId == p.ClientOrganisationId) is { } contract)
            {
                db.AddRange(ForClient(p, o, realm, contract.Id, now));
            }
        }
        await db.SaveChangesAsync(ct);
    }

    private static ChangeRequest[] ForClient(Cluster prod, Cluster other, string realm, Guid contractId, DateTimeOffset now)
    {

        // The next Tuesday 22:00 in Paris, the demo contract's weekly window.
        var paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
        var today = now.ToInstant().InZone(paris).Date;
        var tuesday = today.Next(IsoDayOfWeek.Tuesday);
        var windowStart = paris.AtLeniently(tuesday + new LocalTime(22, 0)).ToDateTimeOffset().ToUniversalTime();

        var closed = Change(other, contractId, $"Enable brute-force detection on realm {realm}", new ChangeScores(1, 2, 1, 1), now.AddDays(-9));
        closed.Targets = [Target(other, ResourceKind.Realm, realm)];
        closed.Status = ChangeStatus.Closed;
        closed.SubmittedAt = now.AddDays(-9);
        closed.Approvals = [new ChangeApproval(Party.Provider, "manager@cloud-iam.example", now.AddDays(-8), "Low risk")];
        closed.RequiredApprovers = [Party.Provider];
        closed.ApprovedAt = now.AddDays(-8);
        closed.ScheduledAt = now.AddDays(-8);
        closed.PlannedStart = now.AddDays(-7);
        closed.PlannedEnd = now.AddDays(-7).AddHours(1);
        closed.StartedAt = closed.PlannedStart;
        closed.FinishedAt = closed.PlannedEnd;
        closed.ActivityReport = "Brute-force detection enabled (30 failures, 15 min lockout); login tests passed.";
        closed.ReportedBy = "operator@cloud-iam.example";
        closed.ClosedAt = closed.FinishedAt;

        var scheduled = Change(prod, contractId, "Upgrade Keycloak 26.0.7 → 26.1.0", new ChangeScores(3, 3, 2, 2), now.AddDays(-2));
        scheduled.RequiresShutdown = true;
        scheduled.RollbackPlan = "Redeploy 26.0.7 images and restore the pre-upgrade database snapshot.";
        scheduled.Status = ChangeStatus.Scheduled;
        scheduled.SubmittedAt = now.AddDays(-2);
        scheduled.RequiredApprovers = [Party.Provider];
        scheduled.Approvals = [new ChangeApproval(Party.Provider, "manager@cloud-iam.example", now.AddDays(-1), null)];
        scheduled.Consultations = [new ChangeConsultation { ConsultedParty = Party.Client, RequestedAt = now.AddDays(-2), DueAt = now, Response = "OK during the Tuesday window.", RespondedBy = "contact@acme.example", RespondedAt = now.AddDays(-1) }];
        scheduled.ApprovedAt = now.AddDays(-1);
        scheduled.ScheduledAt = now.AddDays(-1);
        scheduled.PlannedStart = windowStart;
        scheduled.PlannedEnd = windowStart.AddHours(2);
        scheduled.Targets = [Target(prod, ResourceKind.Cluster, null, windowStart, windowStart.AddHours(2))];

        var review = Change(prod, contractId, $"Add a WebAuthn policy to realm {realm}", new ChangeScores(2, 2, 1, 1), now.AddHours(-3));
        review.Targets = [Target(prod, ResourceKind.Realm, realm)];
        review.Status = ChangeStatus.InReview;
        review.SubmittedAt = now.AddHours(-3);
        review.RequiredApprovers = [Party.Provider];
        review.Consultations = [new ChangeConsultation { ConsultedParty = Party.Client, RequestedAt = now.AddHours(-3), DueAt = now.AddDays(2) }];

        var declared = Change(prod, contractId, "Client firewall maintenance", new ChangeScores(), now.AddHours(-1));
        declared.Origin = ChangeOrigin.ClientEnvironment;
        declared.Status = ChangeStatus.Declared;
        declared.RequestedBy = $"admin@{prod.Name.Split('-')[0]}.example";
        declared.RequestedByParty = Party.Client;
        declared.ApprovalActivityKey = RaciActivities.ClientChangeNotice;
        declared.PlannedStart = now.AddDays(3);
        declared.PlannedEnd = now.AddDays(3).AddHours(1);
        declared.Targets = [Target(prod, ResourceKind.Cluster, null)];

        return [closed, scheduled, review, declared];
    }

    private static ChangeRequest Change(Cluster cluster, Guid contractId, string title, ChangeScores scores, DateTimeOffset created) => new()
    {
        ClientOrganisationId = cluster.ClientOrganisationId,
        ContractId = contractId,
        Title = title,
        Description = title + ".",
        Origin = ChangeOrigin.ManagedService,
        Scores = scores,
        ComputedType = ChangeClassification.Classify(scores).Type,
        RequestedBy = "operator@cloud-iam.example",
        RequestedByParty = Party.Provider,
        ApprovalActivityKey = RaciActivities.ChangeProcedures,
        CreatedAt = created,
        UpdatedAt = created,
    };

    private static ChangeTarget Target(Cluster cluster, ResourceKind kind, string? name, DateTimeOffset? slotStart = null, DateTimeOffset? slotEnd = null) => new()
    {
        ClientOrganisationId = cluster.ClientOrganisationId, ClusterId = cluster.Id, Kind = kind, Name = name, SlotStart = slotStart, SlotEnd = slotEnd,
    };
}
