using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;

namespace IamOps.Server.Modules.Incidents;

/// <summary>Writes timeline entries in the caller's unit of work.</summary>
internal static class IncidentTimeline
{
    public static IncidentEvent Add(IamOpsDb db, Incident incident, string kind, string actor, Party party, DateTimeOffset at, string text)
    {
        var entry = new IncidentEvent
        {
            IncidentId = incident.Id,
            ClientOrganisationId = incident.ClientOrganisationId,
            At = at,
            Kind = kind,
            Actor = actor,
            ActorParty = party,
            Text = text.Length <= 8000 ? text : text[..7999] + "…",
        };
        db.Add(entry);
        return entry;
    }
}
