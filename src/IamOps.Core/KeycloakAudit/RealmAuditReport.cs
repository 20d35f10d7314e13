namespace IamOps.Core.KeycloakAudit;

/// <summary>The audit of one realm: its score and every finding, suppressed ones included (marked).</summary>
public sealed record RealmAuditReport(
    string Realm,
    string? File,
    string? KeycloakVersion,
    int Score,
    IReadOnlyList<AuditFinding> Findings)
{
    /// <summary>The findings at or above a severity that no suppression covers.</summary>
    public IEnumerable<AuditFinding> Open(AuditSeverity minimum = AuditSeverity.Info) =>
        Findings.Where(f => !f.IsSuppressed && f.Severity >= minimum);

    public int Count(AuditSeverity severity) => Findings.Count(f => !f.IsSuppressed && f.Severity == severity);
}
