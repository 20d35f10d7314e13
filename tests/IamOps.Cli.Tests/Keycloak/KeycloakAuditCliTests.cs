using System.Text.Json;
using IamOps.Cli.Tests.Infrastructure;

namespace IamOps.Cli.Tests.Keycloak;

/// <summary><c>iamops keycloak audit</c> runs offline: no server, no sign-in.</summary>
public sealed class KeycloakAuditCliTests
{
    private const string Weak = """{"realm":"weak","sslRequired":"none","clients":[{"clientId":"web","publicClient":true,"redirectUris":["*"]}]}""";

    private const string Clean = """
        {"realm":"clean","sslRequired":"all","bruteForceProtected":true,"failureFactor":5,
         "passwordPolicy":"length(12) and notUsername(undefined) and notEmail(undefined) and passwordBlacklist(b.txt)",
         "revokeRefreshToken":true,"offlineSessionMaxLifespanEnabled":true,"eventsEnabled":true,"eventsExpiration":86400,
         "adminEventsEnabled":true,"attributes":{"adminEventsExpiration":"86400"}}
        """;

    [Fact]
    public async Task A_realm_with_findings_prints_a_table_with_the_score_and_exits_1()
    {
        using var cli = new CliRunner();
        var file = Write(cli, "weak.json", Weak);

        var result = await cli.RunAsync("keycloak", "audit", file);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Realm weak (", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"score \d+/100", result.Stdout);
        Assert.Contains("KC-REALM-001", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("KC-CLIENT-008", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("line 1:", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task A_compliant_realm_exits_0()
    {
        using var cli = new CliRunner();
        var file = Write(cli, "clean.json", Clean);

        var result = await cli.RunAsync("keycloak", "audit", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("score 100/100", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("No finding at or above info.", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Findings_below_the_minimum_severity_are_neither_shown_nor_counted()
    {
        using var cli = new CliRunner();
        var file = Write(cli, "ssl-external.json", Clean.Replace("\"all\"", "\"external\"", StringComparison.Ordinal));

        var low = await cli.RunAsync("keycloak", "audit", file, "--min-severity", "low");
        var medium = await cli.RunAsync("keycloak", "audit", file, "--min-severity", "medium");

        Assert.True(low.ExitCode == 1, low.ToString());
        Assert.Contains("KC-REALM-002", low.Stdout, StringComparison.Ordinal);
        Assert.True(medium.ExitCode == 0, medium.ToString());
        Assert.DoesNotContain("KC-REALM-002", medium.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_json_exits_2_naming_the_line_and_byte_position()
    {
        using var cli = new CliRunner();
        var file = Write(cli, "cut.json", "{\n  \"realm\": \"cut\",\n  \"clients\": [{\"clientId\": \"w");

        var result = await cli.RunAsync("keycloak", "audit", file);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Matches(@"^error: .*cut\.json: line 3, byte \d+: invalid JSON", result.Stderr);
    }

    [Fact]
    public async Task A_json_file_that_is_not_a_realm_exits_2()
    {
        using var cli = new CliRunner();
        var file = Write(cli, "package.json", """{"name":"not-a-realm","version":"1.0.0"}""");

        var result = await cli.RunAsync("keycloak", "audit", file);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("not a Keycloak realm export: $ has no \"realm\" name property", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_unreadable_input_among_good_ones_still_reports_the_good_ones_and_exits_2()
    {
        using var cli = new CliRunner();
        var good = Write(cli, "weak.json", Weak);

        var result = await cli.RunAsync("keycloak", "audit", good, Path.Combine(cli.Root, "missing.json"), "--format", "json");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("missing.json: no such file or directory", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("weak", JsonDocument.Parse(result.Stdout).RootElement.GetProperty("realms")[0].GetProperty("realm").GetString());
    }

    [Fact]
    public async Task Sarif_goes_to_the_output_file_and_a_summary_to_stdout()
    {
        using var cli = new CliRunner();
        var file = Write(cli, "weak.json", Weak);
        var sarif = Path.Combine(cli.Root, "audit.sarif");

        var result = await cli.RunAsync("keycloak", "audit", file, "--format", "sarif", "--output", sarif);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"written to {sarif} (sarif)", result.Stdout, StringComparison.Ordinal);
        using var log = JsonDocument.Parse(await File.ReadAllTextAsync(sarif, TestContext.Current.CancellationToken));
        Assert.Equal("2.1.0", log.RootElement.GetProperty("version").GetString());
        var results = log.RootElement.GetProperty("runs")[0].GetProperty("results");
        Assert.Contains(results.EnumerateArray(), r => r.GetProperty("ruleId").GetString() == "KC-CLIENT-008" && r.GetProperty("level").GetString() == "error");
    }

    [Fact]
    public async Task The_shared_realm_exports_directory_is_audited_as_json_offline()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("keycloak", "audit", SharedRealms(), "-f", "json", "--min-severity", "critical");

        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        var json = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.True(json.GetProperty("realms").GetArrayLength() >= 20);
        Assert.All(json.GetProperty("realms").EnumerateArray(), r => Assert.All(r.GetProperty("findings").EnumerateArray(),
            f => Assert.Equal("critical", f.GetProperty("severity").GetString())));
        Assert.Equal(result.ExitCode == 1, json.GetProperty("findings").GetInt32() > 0);
    }

    [Fact]
    public async Task Accepted_risks_from_a_suppressions_file_are_marked_and_not_counted()
    {
        using var cli = new CliRunner();
        var file = Write(cli, "weak.json", Weak);
        var suppressions = Write(cli, "accepted.json", """
            [{"ruleId":"KC-REALM-001","reason":"TLS ends at the load balancer","expiresAt":"2999-01-01T00:00:00Z"},
             {"ruleId":"KC-CLIENT-008","path":"$.clients[?(@.clientId=='web')]*","realm":"weak","reason":"test client"}]
            """);

        var result = await cli.RunAsync("keycloak", "audit", file, "--min-severity", "critical", "--suppressions", suppressions, "-f", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var findings = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("realms")[0].GetProperty("findings");
        Assert.Equal(2, findings.GetArrayLength());
        Assert.All(findings.EnumerateArray(), f => Assert.True(f.TryGetProperty("suppressed", out _)));
    }

    [Theory]
    [InlineData("--format must be text, json or sarif (got 'xml')", "--format", "xml")]
    [InlineData("--min-severity must be one of info, low, medium, high, critical (got 'urgent')", "--min-severity", "urgent")]
    public async Task Bad_options_exit_2_with_the_reason(string error, params string[] options)
    {
        using var cli = new CliRunner();
        var file = Write(cli, "weak.json", Weak);

        var result = await cli.RunAsync(["keycloak", "audit", file, .. options]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(error, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rules_are_listed_with_their_references_as_a_table_or_json()
    {
        using var cli = new CliRunner();

        var table = await cli.RunAsync("keycloak", "rules");
        var json = await cli.RunAsync("keycloak", "rules", "-o", "json");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("KC-CLIENT-001", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("RFC 9700 §2.1.1", table.Stdout, StringComparison.Ordinal);
        var rules = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.True(rules.GetArrayLength() >= 40);
        Assert.All(rules.EnumerateArray(), r => Assert.True(r.GetProperty("references").GetArrayLength() > 0));
    }

    private static string Write(CliRunner cli, string name, string content)
    {
        var file = Path.Combine(cli.Root, name);
        File.WriteAllText(file, content);
        return file;
    }

    /// <summary>../shared/keycloak-realms beside the repository root (the folder holding IamOps.slnx).</summary>
    private static string SharedRealms()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IamOps.slnx")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "keycloak-realms"));
            }
        }
        throw new DirectoryNotFoundException("No IamOps.slnx above " + AppContext.BaseDirectory);
    }
}
