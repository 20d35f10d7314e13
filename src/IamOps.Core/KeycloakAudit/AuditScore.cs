namespace IamOps.Core.KeycloakAudit;

/// <summary>A realm's security score, from 0 to 100.</summary>
/// <remarks>
/// 100 minus, for each rule with at least one unsuppressed finding, its severity's weight (critical 20, high 10,
/// medium 4, low 1, info 0), plus one more point per further finding of that rule up to four: a rule counts
/// mostly once, so a realm with 10,000 clients is not scored 0 by one repeated mistake. Never below 0.
/// </remarks>
public static class AuditScore
{
    public const int MaxExtraPerRule = 4;

    public static int Compute(IEnumerable<AuditFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var penalty = findings
            .Where(f => !f.IsSuppressed)
            .GroupBy(f => f.RuleId)
            .Sum(rule => rule.First().Severity.Weight()
                + (rule.First().Severity == AuditSeverity.Info ? 0 : Math.Min(rule.Count() - 1, MaxExtraPerRule)));
        return Math.Max(0, 100 - penalty);
    }
}
