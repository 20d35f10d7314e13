using IamOps.Core.KeycloakAudit;

namespace IamOps.Core.Tests.KeycloakAudit;

public sealed class RealmLoaderTests
{
    [Fact]
    public async Task Truncated_json_is_an_error_naming_the_file_line_and_byte_position()
    {
        using var dir = new TempDir();
        var file = dir.Write("cut.json", "{\n  \"realm\": \"cut\",\n  \"clients\": [\n    {\"clientId\": \"web\"");

        var error = await Assert.ThrowsAsync<RealmLoadException>(() => RealmLoader.LoadFileAsync(file, TestContext.Current.CancellationToken));

        Assert.Equal(4, error.Line);
        Assert.NotNull(error.BytePosition);
        Assert.Contains("cut.json: line 4, byte", error.Message, StringComparison.Ordinal);
        Assert.Contains("invalid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_json_reports_the_line_and_byte_of_the_bad_token()
    {
        using var dir = new TempDir();
        var file = dir.Write("bad.json", "{\n  \"realm\": \"x\",\n  \"enabled\": tru\n}");

        var error = await Assert.ThrowsAsync<RealmLoadException>(() => RealmLoader.LoadFileAsync(file, TestContext.Current.CancellationToken));

        Assert.Equal(3, error.Line);
        // The reader stops where the literal turns out wrong: after "tru" at byte 14 of line 3.
        Assert.InRange(error.BytePosition!.Value, 14, 17);
    }

    [Theory]
    [InlineData("""{"id":"x","clients":[]}""", "$ has no \"realm\" name property")]
    [InlineData("""[{"realm":"a"},{"name":"b"}]""", "$[1] has no \"realm\" name property")]
    [InlineData("""[]""", "the array holds no realm")]
    [InlineData("\"realm\"", "the document is a JSON string")]
    [InlineData("""[1]""", "$[0] is a JSON number")]
    public async Task A_json_document_that_is_not_a_realm_is_refused_with_the_reason(string json, string reason)
    {
        using var dir = new TempDir();
        var file = dir.Write("other.json", json);

        var error = await Assert.ThrowsAsync<RealmLoadException>(() => RealmLoader.LoadFileAsync(file, TestContext.Current.CancellationToken));

        Assert.Contains("not a Keycloak realm export", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Null(error.Line);
    }

    [Fact]
    public async Task An_array_of_realms_gives_each_realm_with_its_own_path_prefix()
    {
        using var dir = new TempDir();
        var file = dir.Write("two.json", """[{"realm":"a","sslRequired":"none"},{"realm":"b","sslRequired":"none","unknownFutureField":{"x":1}}]""");

        using var loaded = await RealmLoader.LoadFileAsync(file, TestContext.Current.CancellationToken);
        var reports = loaded.Realms.Select(r => new KeycloakAuditor().Audit(r)).ToList();

        Assert.Equal(["a", "b"], reports.Select(r => r.Realm));
        Assert.Equal("$[0].sslRequired", reports[0].Findings.Single(f => f.RuleId == "KC-REALM-001").Path);
        Assert.Equal("$[1].sslRequired", reports[1].Findings.Single(f => f.RuleId == "KC-REALM-001").Path);
    }

    [Fact]
    public async Task Findings_carry_the_line_and_column_of_the_json_node()
    {
        using var dir = new TempDir();
        var file = dir.Write("lines.json", "\n\n  {\n  \"realm\": \"lines\",\n  \"sslRequired\": \"none\",\n  \"clients\": [\n    {\n      \"clientId\": \"web\",\n      \"redirectUris\": [\"https://ok.example.com/cb\", \"*\"]\n    }\n  ]\n}\n");

        using var loaded = await RealmLoader.LoadFileAsync(file, TestContext.Current.CancellationToken);
        var report = new KeycloakAuditor().Audit(loaded.Realms[0]);

        Assert.Equal(new SourceLocation(file, 5, 18), report.Findings.Single(f => f.RuleId == "KC-REALM-001").Location);
        Assert.Equal(new SourceLocation(file, 9, 53), report.Findings.Single(f => f.RuleId == "KC-CLIENT-008").Location);
        // A missing field is located at the realm's name.
        Assert.Equal(new SourceLocation(file, 4, 12), report.Findings.Single(f => f.RuleId == "KC-PWD-001").Location);
    }

    [Fact]
    public async Task The_first_line_counts_leading_spaces_and_a_byte_order_mark_is_skipped()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "bom.json");
        await File.WriteAllBytesAsync(file, [0xEF, 0xBB, 0xBF, .. "  {\"realm\":\"r\",\"sslRequired\":\"none\"}"u8.ToArray()], TestContext.Current.CancellationToken);

        using var loaded = await RealmLoader.LoadFileAsync(file, TestContext.Current.CancellationToken);
        var finding = new KeycloakAuditor().Audit(loaded.Realms[0]).Findings.Single(f => f.RuleId == "KC-REALM-001");

        Assert.Equal(1, finding.Location!.Line);
        Assert.Equal(30, finding.Location.Column);
    }

    [Fact]
    public void Directories_are_searched_recursively_for_json_files_in_name_order()
    {
        using var dir = new TempDir();
        dir.Write("b/two.json", "{}");
        dir.Write("a.json", "{}");
        dir.Write("b/notes.txt", "");

        var files = RealmLoader.ExpandPaths([dir.Path]);

        Assert.Equal([Path.Combine(dir.Path, "a.json"), Path.Combine(dir.Path, "b", "two.json")], files);
    }

    [Fact]
    public void A_missing_path_is_an_error()
    {
        var error = Assert.Throws<RealmLoadException>(() => RealmLoader.ExpandPaths(["no/such/realm.json"]));

        Assert.Contains("no such file or directory", error.Message, StringComparison.Ordinal);
    }
}
