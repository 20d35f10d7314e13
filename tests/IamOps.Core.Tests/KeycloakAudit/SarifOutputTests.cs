using System.Text.Json;
using System.Text.Json.Nodes;
using IamOps.Core.KeycloakAudit;
using IamOps.Core.KeycloakAudit.Output;
using IamOps.Core.KeycloakAudit.Rules;
using Json.Schema;

namespace IamOps.Core.Tests.KeycloakAudit;

public sealed class SarifOutputTests
{
    private static readonly Lazy<JsonSchema> Schema = new(LoadSchema);

    [Fact]
    public async Task Sarif_for_every_shared_realm_validates_against_the_SARIF_2_1_0_schema()
    {
        var reports = new List<RealmAuditReport>();
        foreach (var file in SharedFiles.RealmFiles)
        {
            using var loaded = await RealmLoader.LoadFileAsync(file, TestContext.Current.CancellationToken);
            reports.AddRange(loaded.Realms.Select(r => new KeycloakAuditor().Audit(r, [new Suppression("KC-REALM-003", null, null, "accepted in test", null)])));
        }

        var sarif = Write(reports, AuditSeverity.Info);
        var result = Schema.Value.Evaluate(sarif.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });

        Assert.True(result.IsValid, Describe(result));
        var run = sarif.RootElement.GetProperty("runs")[0];
        Assert.Equal(AuditRules.All.Count, run.GetProperty("tool").GetProperty("driver").GetProperty("rules").GetArrayLength());
        Assert.Equal(reports.Sum(r => r.Findings.Count), run.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public void The_schema_check_rejects_a_log_that_breaks_the_schema()
    {
        var sarif = JsonNode.Parse(Write([Realms.Audit(Realms.Patch("""{"sslRequired":"none"}"""))], AuditSeverity.Info).RootElement.GetRawText())!;
        sarif["runs"]![0]!["results"]![0]!["level"] = "fatal";
        using var broken = JsonDocument.Parse(sarif.ToJsonString());

        Assert.False(Schema.Value.Evaluate(broken.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid);
    }

    [Fact]
    public async Task A_result_has_its_rule_level_file_line_column_and_json_path()
    {
        using var dir = new TempDir();
        var file = dir.Write("realm one.json", "{\n  \"realm\": \"one\",\n  \"sslRequired\": \"none\"\n}\n");
        using var loaded = await RealmLoader.LoadFileAsync(file, TestContext.Current.CancellationToken);

        using var sarif = Write([new KeycloakAuditor().Audit(loaded.Realms[0])], AuditSeverity.Critical);

        var result = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single();
        Assert.Equal("KC-REALM-001", result.GetProperty("ruleId").GetString());
        Assert.Equal("error", result.GetProperty("level").GetString());
        var location = result.GetProperty("locations")[0];
        Assert.Equal(new Uri(file).AbsoluteUri, location.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(3, location.GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(18, location.GetProperty("physicalLocation").GetProperty("region").GetProperty("startColumn").GetInt32());
        Assert.Equal("$.sslRequired", location.GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());
        var rule = sarif.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules")[result.GetProperty("ruleIndex").GetInt32()];
        Assert.Equal("KC-REALM-001", rule.GetProperty("id").GetString());
        Assert.StartsWith("https://", rule.GetProperty("helpUri").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("realms/my realm.json", "realms/my%20realm.json")]
    [InlineData("./a.json", "a.json")]
    [InlineData("../shared/x.json", "../shared/x.json")]
    public void Relative_paths_become_relative_uri_references(string path, string uri) => Assert.Equal(uri, SarifWriter.ToUri(path));

    private static JsonDocument Write(IReadOnlyList<RealmAuditReport> reports, AuditSeverity minimum)
    {
        using var stream = new MemoryStream();
        SarifWriter.Write(stream, reports, AuditRules.All, minimum);
        return JsonDocument.Parse(stream.ToArray());
    }

    /// <summary>The committed SARIF 2.1.0 schema (see Sarif/SCHEMA-LICENSE.md), evaluated as draft 7.</summary>
    /// <remarks>The schema declares draft 4, which JsonSchema.Net does not implement; it uses no keyword whose meaning
    /// changed between drafts 4 and 7 (no boolean exclusiveMinimum/Maximum); its root <c>id</c> is dropped.</remarks>
    private static JsonSchema LoadSchema()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Sarif", "sarif-schema-2.1.0.json")))!.AsObject();
        Assert.DoesNotContain("exclusiveMinimum\": true", schema.ToJsonString(), StringComparison.Ordinal);
        schema["$schema"] = "http://json-schema.org/draft-07/schema#";
        // Draft 4's root "id" is only a name here (no $ref uses it); the schema is registered under a base URI of its own.
        Assert.True(schema.Remove("id"));
        return JsonSchema.FromText(schema.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri("https://iamops.test/sarif-schema-2.1.0.json"));
    }

    private static string Describe(EvaluationResults result) =>
        string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Take(10)
            .Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}"));
}
