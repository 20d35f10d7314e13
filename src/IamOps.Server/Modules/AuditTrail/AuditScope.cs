namespace IamOps.Server.Modules.AuditTrail;

/// <summary>What the current request is doing, stamped on every audit entry it writes.</summary>
public sealed class AuditScope
{
    /// <summary>The RACI activity the request performs, when it declares one.</summary>
    public string? ActivityKey { get; set; }

    /// <summary>A named action (e.g. <c>approve</c>) that replaces the generic created/updated/deleted.</summary>
    public string? Action { get; set; }

    private readonly List<PendingEvent> _events = [];

    internal IReadOnlyList<PendingEvent> Events => _events;

    /// <summary>Records an event that changes no entity (a sign-in, an export) on the next save.</summary>
    public void RecordEvent(Guid chainId, string action, string entityType, string? entityId, string? detailJson = null) =>
        _events.Add(new PendingEvent(chainId, action, entityType, entityId, detailJson));

    internal void ClearEvents() => _events.Clear();

    internal sealed record PendingEvent(Guid ChainId, string Action, string EntityType, string? EntityId, string? DetailJson);
}
