using System.Globalization;
using System.Text.Json.Nodes;
using IamOps.Core.AuditTrail;

namespace IamOps.Server.Modules.AuditTrail;

/// <summary>The canonical content of an entry: what its hash covers and what the export writes.</summary>
internal static class AuditEntryContent
{
    public static DateTimeOffset Truncate(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    public static JsonObject ToJson(AuditEntry e, bool withHash) => new()
    {
        ["chainId"] = e.ChainId.ToString(),
        [AuditChain.SequenceField] = e.Seq,
        ["at"] = e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["actorId"] = e.ActorId?.ToString(),
        ["actor"] = e.Actor,
        ["actorOrganisationId"] = e.ActorOrganisationId?.ToString(),
        ["action"] = e.Action,
        ["activityKey"] = e.ActivityKey,
        ["entityType"] = e.EntityType,
        ["entityId"] = e.EntityId,
        ["before"] = e.Before is null ? null : JsonNode.Parse(e.Before),
        ["after"] = e.After is null ? null : JsonNode.Parse(e.After),
        [AuditChain.PreviousHashField] = e.PrevHash,
        [AuditChain.HashField] = withHash ? e.Hash : null,
    };
}
