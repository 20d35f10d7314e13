namespace IamOps.Core.Tests.KeycloakAudit;

public sealed class AuditScoreTests
{
    [Fact]
    public void Each_rule_costs_its_weight_once_plus_a_point_per_repeat_up_to_four()
    {
        var clients = string.Join(",", Enumerable.Range(0, 10).Select(i => $$$"""{"clientId":"c{{{i}}}","publicClient":true,"fullScopeAllowed":false,"redirectUris":["*"],"attributes":{"pkce.code.challenge.method":"S256"}}"""));
        var report = Realms.Audit(Realms.Patch($$"""{"clients":[{{clients}}]}"""));

        Assert.Equal(10, report.Findings.Count(f => f.RuleId == "KC-CLIENT-008"));
        Assert.Single(report.Findings.Select(f => f.RuleId).Distinct());
        Assert.Equal(100 - 20 - 4, report.Score);
    }

    [Fact]
    public void The_score_never_goes_below_zero()
    {
        var report = Realms.Audit("""{"realm":"worst","sslRequired":"none","clients":[{"clientId":"x","publicClient":true,"implicitFlowEnabled":true,"directAccessGrantsEnabled":true,"redirectUris":["*","http://evil.example/*"],"webOrigins":["*"]}],"defaultSignatureAlgorithm":"HS256","accessTokenLifespan":86400,"ssoSessionMaxLifespan":2592000,"registrationAllowed":true,"smtpServer":{"host":"mail"}}""");

        Assert.Equal(0, report.Score);
    }
}
