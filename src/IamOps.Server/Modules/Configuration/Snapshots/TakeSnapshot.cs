using System.ComponentModel.DataAnnotations;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IamOps.Server.Modules.Configuration.Snapshots;

/// <summary>Snapshot one realm, or every realm the cluster's admin account sees when none is named.</summary>
public sealed record TakeSnapshotRequest([property: MaxLength(255)] string? Realm);

public sealed record SnapshotRunDto(IReadOnlyList<SnapshotOutcome> Outcomes);

/// <summary>Reads the cluster's Keycloak configuration now; failures are recorded as failed snapshots, not errors of this call.</summary>
internal static class TakeSnapshot
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/snapshots", HandleAsync).WithName(nameof(TakeSnapshot));

    internal static async Task<Results<Ok<SnapshotRunDto>, NotFound, ProblemHttpResult>> HandleAsync(
        Guid clusterId, [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] TakeSnapshotRequest? request,
        SnapshotTaker taker, TenantContext tenant, CancellationToken ct)
    {
        if (tenant.Party == Party.Client && tenant.Role == Roles.ClientViewer)
        {
            return TypedResults.Problem(WorkflowProblems.Forbidden("The viewer role is read-only; ask an admin or contact of your organisation to take a snapshot."));
        }
        var realm = string.IsNullOrWhiteSpace(request?.Realm) ? null : request.Realm.Trim();
        var run = await taker.TakeAsync(clusterId, realm, SnapshotTrigger.OnDemand, ct);
        if (!run.ClusterFound)
        {
            return TypedResults.NotFound();
        }
        if (run.NotConfigured is { } reason)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No Keycloak connection", detail: reason);
        }
        return TypedResults.Ok(new SnapshotRunDto(run.Outcomes));
    }
}
