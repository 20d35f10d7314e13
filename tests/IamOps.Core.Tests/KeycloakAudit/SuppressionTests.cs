using IamOps.Core.KeycloakAudit;

namespace IamOps.Core.Tests.KeycloakAudit;

public sealed class SuppressionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);
    private static readonly string Realm = Realms.Patch("""{"sslRequired":"none","bruteForceProtected":false}""");

    [Fact]
    public void A_suppression_for_a_rule_and_path_marks_the_finding_and_restores_the_score()
    {
        var before = Realms.Audit(Realm, now: Now);
        var accepted = new Suppression("KC-REALM-001", "$.sslRequired", "clean", "TLS terminated by the load balancer", Now.AddDays(30), "admin@acme.example");

        var after = Realms.Audit(Realm, [accepted], Now);

        var finding = Assert.Single(after.Findings, f => f.RuleId == "KC-REALM-001");
        Assert.Same(accepted, finding.SuppressedBy);
        Assert.DoesNotContain(after.Open(), f => f.RuleId == "KC-REALM-001");
        Assert.Contains(after.Open(), f => f.RuleId == "KC-REALM-003");
        Assert.Equal(before.Score + AuditSeverity.Critical.Weight(), after.Score);
    }

    [Fact]
    public void An_expired_suppression_no_longer_applies()
    {
        var expired = new Suppression("KC-REALM-001", null, null, "was temporary", Now.AddMinutes(-1));

        var report = Realms.Audit(Realm, [expired], Now);

        Assert.Contains(report.Open(), f => f.RuleId == "KC-REALM-001");
    }

    [Theory]
    [InlineData("KC-REALM-001", "$.other", null, false)]
    [InlineData("KC-REALM-001", "$.ssl*", null, true)]
    [InlineData("kc-realm-001", null, "clean", true)]
    [InlineData("KC-REALM-001", null, "another-realm", false)]
    [InlineData("KC-REALM-003", "$.sslRequired", null, false)]
    public void A_suppression_covers_only_its_rule_path_and_realm(string ruleId, string? path, string? realm, bool covers)
    {
        var report = Realms.Audit(Realm, [new Suppression(ruleId, path, realm, "reason", null)], Now);

        Assert.Equal(covers, report.Findings.Single(f => f.RuleId == "KC-REALM-001").IsSuppressed);
    }
}
