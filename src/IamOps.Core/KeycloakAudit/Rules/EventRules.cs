using System.Globalization;

namespace IamOps.Core.KeycloakAudit.Rules;

/// <summary>Audit events: user and admin events enabled.</summary>
internal static class EventRules
{
    public static IEnumerable<AuditRule> All =>
    [
        new("KC-EVENT-001", "User events are not saved", AuditSeverity.Medium, "events",
            "Without saved login events there is no record of logins, failures, password resets or account changes to investigate an attack. Keycloak saves none by default.",
            "Turn on Realm settings > Events > User events settings > Save events (eventsEnabled), with an expiration.",
            [Refs.AsvsLogEvents, Refs.AsvsLogAuth, Refs.GuideEvents],
            realm => Hits.IfField(!realm.Bool("eventsEnabled", false), realm, "eventsEnabled", "eventsEnabled is off: login events are not stored.")),

        new("KC-EVENT-002", "Admin events are not saved", AuditSeverity.Medium, "events",
            "Without admin events nobody can tell who changed a client, a role mapping or a realm setting, and when.",
            "Turn on Realm settings > Events > Admin events settings > Save events (adminEventsEnabled), with an expiration.",
            [Refs.AsvsLogAdmin, Refs.GuideEvents],
            realm => Hits.IfField(!realm.Bool("adminEventsEnabled", false), realm, "adminEventsEnabled", "adminEventsEnabled is off: admin changes are not recorded.")),

        new("KC-EVENT-003", "Saved user events keep few security event types", AuditSeverity.Low, "events",
            "enabledEventTypes limits which user events are stored; a list without LOGIN_ERROR leaves failed logins, the first sign of an attack, unrecorded.",
            "Remove enabledEventTypes to store every type, or include LOGIN_ERROR, LOGIN, UPDATE_PASSWORD and UPDATE_CREDENTIAL.",
            [Refs.AsvsLogAuth, Refs.GuideEvents],
            realm =>
            {
                var types = realm.Items("enabledEventTypes").Select(t => t.Item.ValueKind == System.Text.Json.JsonValueKind.String ? t.Item.GetString() : null).ToList();
                return Hits.IfField(realm.Bool("eventsEnabled", false) && types.Count > 0 && !types.Contains("LOGIN_ERROR"), realm, "enabledEventTypes",
                    string.Create(CultureInfo.InvariantCulture, $"Only {types.Count} event types are saved, LOGIN_ERROR not among them."));
            }),
    ];
}
