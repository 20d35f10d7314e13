using System.Text.Json;
using IamOps.Core.KeycloakAudit.Rules;

namespace IamOps.Core.KeycloakAudit;

/// <summary>Audits Keycloak realm representations against the rules (by default <see cref="AuditRules.All"/>).</summary>
/// <remarks>Used offline by <c>iamops keycloak audit</c> on export files and live by the server on a realm read through the Admin API.</remarks>
public sealed class KeycloakAuditor(IReadOnlyList<AuditRule>? rules = null)
{
    public IReadOnlyList<AuditRule> Rules { get; } = rules ?? AuditRules.All;

    /// <summary>Audits a realm that came from a file (findings then carry line and column).</summary>
    /// <param name="suppressions">Accepted risks; those expired at <paramref name="now"/> are ignored.</param>
    public RealmAuditReport Audit(RealmSource source, IEnumerable<Suppression>? suppressions = null, DateTimeOffset now = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var realm = source.Realm;
        var active = (suppressions ?? []).Where(s => s.IsActiveAt(now)).ToList();
        var anchor = realm.Field("realm");
        var findings = new List<AuditFinding>();
        foreach (var rule in Rules)
        {
            foreach (var hit in rule.Check(realm))
            {
                var node = hit.Node ?? anchor;
                var finding = new AuditFinding(rule.Id, rule.Title, rule.Severity, rule.Category, realm.Name, hit.Path,
                    hit.Message, hit.Fix ?? rule.Fix, node is { } n ? source.Locate(n) : null);
                var suppression = active.FirstOrDefault(s => s.Covers(finding, now));
                findings.Add(suppression is null ? finding : finding with { SuppressedBy = suppression });
            }
        }
        return new RealmAuditReport(realm.Name, source.File, realm.Text("keycloakVersion"), AuditScore.Compute(findings), findings);
    }

    /// <summary>Audits a realm representation held in memory (e.g. read live from the Admin API).</summary>
    public RealmAuditReport Audit(JsonElement realm, IEnumerable<Suppression>? suppressions = null, DateTimeOffset now = default) =>
        Audit(new RealmSource(new RealmView(realm), file: null, positions: null), suppressions, now);
}
