namespace IamOps.Server.Modules.AuditTrail;

/// <summary>One append-only entry of an organisation's tamper-evident audit chain.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    /// <summary>The organisation whose chain holds the entry (the client concerned, or the provider).</summary>
    public Guid ChainId { get; set; }

    public long Seq { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid? ActorId { get; set; }

    public required string Actor { get; set; }

    public Guid? ActorOrganisationId { get; set; }

    /// <summary>created, updated, deleted, or a named action such as sign-in.</summary>
    public required string Action { get; set; }

    public string? ActivityKey { get; set; }

    public required string EntityType { get; set; }

    public string? EntityId { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }

    public required string PrevHash { get; set; }

    public required string Hash { get; set; }
}

/// <summary>The last sequence number and hash of a chain; updated with a concurrency check so chains never fork.</summary>
public sealed class AuditChainHead
{
    public Guid ChainId { get; set; }

    public long LastSeq { get; set; }

    public required string LastHash { get; set; }
}
