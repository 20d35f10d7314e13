using IamOps.Core.KeycloakAudit.Rules;

namespace IamOps.Core.Tests.KeycloakAudit;

public sealed class RuleTests
{
    [Theory]
    [MemberData(nameof(RuleCases.RuleIds), MemberType = typeof(RuleCases))]
    public void The_rule_fires_on_its_triggering_realm_and_not_on_the_compliant_one(string ruleId)
    {
        var (_, triggers, passes) = RuleCases.All.Single(c => c.RuleId == ruleId);

        var flagged = Realms.Audit(triggers).Findings.Where(f => f.RuleId == ruleId).ToList();
        var clean = Realms.Audit(passes).Findings.Where(f => f.RuleId == ruleId).ToList();

        Assert.NotEmpty(flagged);
        Assert.All(flagged, f => Assert.StartsWith("$", f.Path, StringComparison.Ordinal));
        Assert.All(flagged, f => Assert.False(string.IsNullOrWhiteSpace(f.Message)));
        Assert.Empty(clean);
    }

    [Fact]
    public void Every_rule_has_a_triggering_and_a_compliant_realm_in_the_cases()
    {
        var covered = RuleCases.All.Select(c => c.RuleId).ToHashSet();

        var missing = AuditRules.All.Select(r => r.Id).Where(id => !covered.Contains(id)).ToList();
        Assert.True(missing.Count == 0, "rules without cases: " + string.Join(", ", missing));
        Assert.Equal(RuleCases.All.Count, covered.Count);
    }

    [Fact]
    public void There_are_at_least_40_rules_with_unique_ids_rationale_fix_and_references()
    {
        Assert.True(AuditRules.All.Count >= 40, $"{AuditRules.All.Count} rules");
        Assert.Equal(AuditRules.All.Count, AuditRules.All.Select(r => r.Id).Distinct().Count());
        Assert.All(AuditRules.All, rule =>
        {
            Assert.Matches("^KC-[A-Z]+-[0-9]{3}$", rule.Id);
            Assert.False(string.IsNullOrWhiteSpace(rule.Title));
            Assert.False(string.IsNullOrWhiteSpace(rule.Rationale));
            Assert.False(string.IsNullOrWhiteSpace(rule.Fix));
            Assert.Contains(rule.References, r => r.Source == "Keycloak Server Administration Guide");
            Assert.Contains(rule.References, r => r.Source.StartsWith("OWASP ASVS", StringComparison.Ordinal) || r.Source == "RFC 9700");
        });
    }

    [Fact]
    public void The_clean_realm_has_no_finding_and_scores_100()
    {
        var report = Realms.Audit(Realms.Clean);

        Assert.Empty(report.Findings);
        Assert.Equal(100, report.Score);
    }

    [Fact]
    public void An_empty_realm_is_audited_with_Keycloaks_defaults()
    {
        var report = Realms.Audit("""{"realm":"bare"}""");
        var ids = report.Findings.Select(f => f.RuleId).ToHashSet();

        // Absent fields take Keycloak's defaults: sslRequired external, brute force off, no password policy, no events.
        Assert.Contains("KC-REALM-002", ids);
        Assert.Contains("KC-REALM-003", ids);
        Assert.Contains("KC-PWD-001", ids);
        Assert.Contains("KC-EVENT-001", ids);
        Assert.Contains("KC-TOKEN-005", ids);
        // ... and defaults that are safe are not findings.
        Assert.DoesNotContain("KC-REALM-001", ids);
        Assert.DoesNotContain("KC-TOKEN-001", ids);
        Assert.DoesNotContain("KC-KEY-001", ids);
        Assert.DoesNotContain("KC-HDR-001", ids);
    }

    [Fact]
    public void Built_in_clients_are_not_findings()
    {
        var realm = Realms.Patch("""
            {"clients":[
              {"clientId":"security-admin-console","publicClient":true,"redirectUris":["/admin/clean/console/*"],"webOrigins":["+"],"attributes":{"pkce.code.challenge.method":"S256"}},
              {"clientId":"admin-cli","publicClient":true,"standardFlowEnabled":false,"directAccessGrantsEnabled":true,"fullScopeAllowed":false}
            ]}
            """);

        Assert.Empty(Realms.Audit(realm).Findings);
    }

    [Fact]
    public void Booleans_and_numbers_written_as_strings_by_old_exports_are_read()
    {
        var report = Realms.Audit(Realms.Patch("""{"bruteForceProtected":null,"attributes":{"bruteForceProtected":"true","adminEventsExpiration":"600"},"failureFactor":"30"}"""));

        Assert.DoesNotContain(report.Findings, f => f.RuleId == "KC-REALM-003");
        Assert.Contains(report.Findings, f => f.RuleId == "KC-REALM-004");
    }

    [Fact]
    public void A_client_finding_names_the_client_in_its_json_path()
    {
        var report = Realms.Audit(Realms.WithClient(Realms.GoodClient, """{"clientId":"shop's web","redirectUris":["https://shop.example.com/ok","*"]}"""));

        var finding = Assert.Single(report.Findings, f => f.RuleId == "KC-CLIENT-008");
        Assert.Equal("$.clients[?(@.clientId=='shop\\'s web')].redirectUris[1]", finding.Path);
        Assert.Contains("shop's web", finding.Message, StringComparison.Ordinal);
    }
}
