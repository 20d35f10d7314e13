using System.Text.Json;

namespace IamOps.Core.KeycloakAudit.Rules;

/// <summary>Small helpers for rules that find at most one thing.</summary>
internal static class Hits
{
    public static IEnumerable<RuleHit> If(bool condition, string path, string message, JsonElement? node = null) =>
        condition ? [new RuleHit(path, message, node)] : [];

    /// <summary>A hit on a realm field, located at the field when present, else at the realm.</summary>
    public static IEnumerable<RuleHit> IfField(bool condition, RealmView realm, string field, string message) =>
        If(condition, realm.Path(field), message, realm.Field(field));

    public static IEnumerable<RuleHit> None => [];
}
