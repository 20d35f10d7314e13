namespace IamOps.Core.KeycloakAudit;

/// <summary>One problem found in one realm by one rule.</summary>
/// <param name="Path">JSON path of what was found, from the root of the audited document.</param>
/// <param name="Location">File, line and column of that node; null when the realm did not come from a file.</param>
/// <param name="SuppressedBy">The accepted-risk suppression that covers this finding, if any.</param>
public sealed record AuditFinding(
    string RuleId,
    string Title,
    AuditSeverity Severity,
    string Category,
    string Realm,
    string Path,
    string Message,
    string Fix,
    SourceLocation? Location,
    Suppression? SuppressedBy = null)
{
    public bool IsSuppressed => SuppressedBy is not null;
}

/// <summary>Where a JSON node starts in a file: 1-based line and column (UTF-16 code units, as SARIF counts by default).</summary>
public sealed record SourceLocation(string File, int Line, int Column);
