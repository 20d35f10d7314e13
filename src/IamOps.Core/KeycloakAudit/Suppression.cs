namespace IamOps.Core.KeycloakAudit;

/// <summary>An accepted risk: findings of one rule (optionally at one JSON path, in one realm) are not counted until it expires.</summary>
/// <param name="Path">The finding's JSON path exactly, or a prefix ending in <c>*</c>; null for every finding of the rule.</param>
/// <param name="Realm">The realm it applies to; null for every realm.</param>
/// <param name="ExpiresAt">After this instant the finding counts again; null never expires.</param>
/// <param name="ApprovedBy">Who accepted the risk (the client's accountable party).</param>
public sealed record Suppression(
    string RuleId,
    string? Path,
    string? Realm,
    string Reason,
    DateTimeOffset? ExpiresAt,
    string? ApprovedBy = null)
{
    public bool IsActiveAt(DateTimeOffset now) => ExpiresAt is null || now < ExpiresAt;

    public bool Covers(AuditFinding finding, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return IsActiveAt(now)
            && string.Equals(RuleId, finding.RuleId, StringComparison.OrdinalIgnoreCase)
            && (Realm is null || Realm == finding.Realm)
            && PathMatches(finding.Path);
    }

    private bool PathMatches(string path) => Path switch
    {
        null or "" or "*" => true,
        _ when Path.EndsWith('*') => path.StartsWith(Path[..^1], StringComparison.Ordinal),
        _ => path == Path,
    };
}
