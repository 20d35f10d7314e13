namespace IamOps.Server.Modules.Changes;

/// <summary>An approved change request whose execution window covers a moment on a cluster.</summary>
public sealed record ApprovedChangeRef(Guid Id, string Title, DateTimeOffset? PlannedStart, DateTimeOffset? PlannedEnd);

/// <summary>Tells configuration drift detection whether a change seen on a cluster was approved.</summary>
public interface IApprovedChangeLookup
{
    /// <summary>
    /// The change requests on <paramref name="clusterId"/> that were approved (approved, scheduled, in progress or
    /// completed) and whose planned or actual window intersects [<paramref name="since"/>, <paramref name="until"/>].
    /// </summary>
    Task<IReadOnlyList<ApprovedChangeRef>> CoveringAsync(Guid clusterId, DateTimeOffset since, DateTimeOffset until, CancellationToken ct);
}
