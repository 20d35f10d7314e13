using IamOps.Core.KeycloakAudit;

namespace IamOps.Core.Tests.KeycloakAudit;

/// <summary>The real realm exports in ../shared/keycloak-realms (Keycloak 3.2 to 26.6 and hand-written imports).</summary>
public sealed class RealRealmsTests
{
    [Fact]
    public async Task Every_shared_realm_export_is_audited_without_error_and_findings_point_into_the_file()
    {
        var files = SharedFiles.RealmFiles.ToList();
        Assert.True(files.Count >= 20, $"only {files.Count} shared realm files");

        foreach (var file in files)
        {
            var report = await AuditAsync(file);
            Assert.False(string.IsNullOrEmpty(report.Realm), file);
            Assert.InRange(report.Score, 0, 100);
            Assert.All(report.Findings, f =>
            {
                Assert.StartsWith("$", f.Path, StringComparison.Ordinal);
                Assert.NotNull(f.Location);
                Assert.True(f.Location.Line >= 1 && f.Location.Column >= 1, $"{file}: {f.RuleId} at {f.Location}");
            });
        }
    }

    [Fact]
    public async Task Alfresco_realm_accepts_plain_http_and_any_redirect_uri()
    {
        var report = await AuditAsync(SharedFiles.Realm("Alfresco__alfresco-identity-service__alfresco-realm.json"));

        Assert.Equal("$.sslRequired", Single(report, "KC-REALM-001").Path);
        Assert.Equal("$.clients[?(@.clientId=='alfresco')].redirectUris[0]", Single(report, "KC-CLIENT-008").Path);
    }

    [Fact]
    public async Task JHipster_realm_allows_the_implicit_flow_and_cors_from_anywhere_for_its_web_app()
    {
        var report = await AuditAsync(SharedFiles.Realm("GreenButtonAlliance__jhipster-gba-resource-server__jhipster-realm.json"));

        Assert.Contains(report.Findings, f => f.RuleId == "KC-CLIENT-003" && f.Path.Contains("'web_app'", StringComparison.Ordinal));
        Assert.Contains(report.Findings, f => f.RuleId == "KC-CLIENT-011" && f.Path == "$.clients[?(@.clientId=='web_app')].webOrigins[0]");
    }

    [Fact]
    public async Task CX_Operator_realm_with_brute_force_protection_and_a_15_character_policy_is_not_flagged_for_them()
    {
        var report = await AuditAsync(SharedFiles.Realm("eclipse-tractusx__portal-iam__CX-Operator-realm.json"));

        Assert.DoesNotContain(report.Findings, f => f.RuleId is "KC-REALM-003" or "KC-PWD-001" or "KC-PWD-002");
        Assert.Contains(report.Findings, f => f.RuleId == "KC-PWD-005");
    }

    [Fact]
    public async Task A_service_account_with_realm_management_roles_is_found_through_its_user()
    {
        var report = await AuditAsync(SharedFiles.Realm("eclipse-tractusx__portal-iam__CX-Central-realm.json"));

        Assert.Contains(report.Findings, f => f.RuleId == "KC-CLIENT-013"
            && f.Path.StartsWith("$.users[?(@.username=='service-account-sa-cl1-reg-2')].clientRoles['realm-management']", StringComparison.Ordinal)
            && f.Message.Contains("'sa-cl1-reg-2'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Keycloak_3_master_realm_hashes_with_too_few_iterations()
    {
        var report = await AuditAsync(SharedFiles.Realm("genny-project__keycloak__master-realm-backup.json"));

        Assert.Contains("hashIterations(20000)", Single(report, "KC-PWD-003").Message, StringComparison.Ordinal);
    }

    private static AuditFinding Single(RealmAuditReport report, string ruleId) => Assert.Single(report.Findings, f => f.RuleId == ruleId);

    private static async Task<RealmAuditReport> AuditAsync(string file)
    {
        using var loaded = await RealmLoader.LoadFileAsync(file, TestContext.Current.CancellationToken);
        return new KeycloakAuditor().Audit(Assert.Single(loaded.Realms));
    }
}
