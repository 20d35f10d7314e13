namespace IamOps.Core.KeycloakAudit;

/// <summary>One audit rule: what it checks, why, where that is written, how to fix it, and the check itself.</summary>
/// <param name="Id">Stable identifier such as <c>KC-REALM-001</c>; suppressions and SARIF refer to it.</param>
/// <param name="Category">Area of the realm: realm, password, tokens, events, keys, headers, client, idp, privacy.</param>
/// <param name="Check">Returns one hit per offending place in the realm; none when the realm complies.</param>
public sealed record AuditRule(
    string Id,
    string Title,
    AuditSeverity Severity,
    string Category,
    string Rationale,
    string Fix,
    IReadOnlyList<RuleReference> References,
    Func<RealmView, IEnumerable<RuleHit>> Check);

/// <summary>A place where a rule found a problem: its JSON path, what is wrong there, and the node when it exists.</summary>
/// <param name="Path">JSON path from the document's root, e.g. <c>$.clients[?(@.clientId=='web')].redirectUris[0]</c>.</param>
/// <param name="Node">The JSON node found (null when the problem is a missing field) — used for line and column.</param>
/// <param name="Fix">A fix specific to this hit; null to use the rule's.</param>
public sealed record RuleHit(string Path, string Message, System.Text.Json.JsonElement? Node = null, string? Fix = null);
