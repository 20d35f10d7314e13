using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IamOps.Cli.Tests.Infrastructure;
using IamOps.Server.Tests.Infrastructure;

namespace IamOps.Cli.Tests.AuditTrail;

public sealed class AuditTrailCliTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    [Fact]
    public async Task An_exported_chain_verifies_offline_as_intact()
    {
        var ct = TestContext.Current.CancellationToken;
        using var cli = new CliRunner(app);
        await cli.LoginAsync(DemoUsers.AcmeAdmin);
        var file = Path.Combine(cli.Root, "acme.jsonl");
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var total = (await acme.GetFromJsonAsync<JsonElement>("/api/v1/audit-trail?pageSize=1", ct)).GetProperty("total").GetInt32();

        var export = await cli.RunAsync("audit-trail", "export", "--out", file);
        using var offline = new CliRunner();
        var verify = await offline.RunAsync("audit-trail", "verify", file);

        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Contains($"Exported {total} entries to {file}.", export.Stdout, StringComparison.Ordinal);
        Assert.Equal(total, (await File.ReadAllLinesAsync(file, ct)).Length);
        Assert.False(File.Exists(file + ".partial"));
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Equal($"{total} entries, chain intact", verify.Stdout.Trim());
    }

    [Fact]
    public async Task A_tampered_entry_exits_1_naming_its_line_and_sequence()
    {
        using var cli = new CliRunner(app);
        var file = await ExportAsync(cli, DemoUsers.GlobexAdmin);
        var lines = await File.ReadAllLinesAsync(file, TestContext.Current.CancellationToken);
        Assert.True(lines.Length >= 3);
        var entry = JsonNode.Parse(lines[2])!.AsObject();
        entry["actor"] = "mallory@example.com";
        lines[2] = entry.ToJsonString();
        await File.WriteAllLinesAsync(file, lines, TestContext.Current.CancellationToken);
        using var offline = new CliRunner();

        var result = await offline.RunAsync("audit-trail", "verify", file);
        var json = await offline.RunAsync("audit-trail", "verify", file, "-o", "json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Chain broken at line 3, seq 3: content does not match its hash: the entry was altered", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 entries before it verified.", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, json.ExitCode);
        using var verdict = JsonDocument.Parse(json.Stdout);
        Assert.False(verdict.RootElement.GetProperty("isIntact").GetBoolean());
        Assert.Equal(3, verdict.RootElement.GetProperty("brokenLine").GetInt32());
    }

    [Fact]
    public async Task A_removed_entry_is_named_at_the_gap()
    {
        using var cli = new CliRunner(app);
        var file = await ExportAsync(cli, DemoUsers.AcmeContact);
        var lines = (await File.ReadAllLinesAsync(file, TestContext.Current.CancellationToken)).ToList();
        lines.RemoveAt(1);
        await File.WriteAllLinesAsync(file, lines, TestContext.Current.CancellationToken);
        using var offline = new CliRunner();

        var result = await offline.RunAsync("audit-trail", "verify", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Chain broken at line 2, seq 3: sequence 3 follows 1", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_or_foreign_file_exits_2()
    {
        using var offline = new CliRunner();
        var missing = Path.Combine(offline.Root, "nope.jsonl");
        var notAnExport = Path.Combine(offline.Root, "notes.txt");
        await File.WriteAllTextAsync(notAnExport, "meeting notes\nnothing to see\n", TestContext.Current.CancellationToken);
        var empty = Path.Combine(offline.Root, "empty.jsonl");
        await File.WriteAllTextAsync(empty, "", TestContext.Current.CancellationToken);

        var noFile = await offline.RunAsync("audit-trail", "verify", missing);
        var notJson = await offline.RunAsync("audit-trail", "verify", notAnExport);
        var nothing = await offline.RunAsync("audit-trail", "verify", empty);

        Assert.Equal(2, noFile.ExitCode);
        Assert.Contains($"error: Cannot read {missing}", noFile.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, notJson.ExitCode);
        Assert.Contains("is not an audit trail export", notJson.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, nothing.ExitCode);
        Assert.Contains("holds no audit entries", nothing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_to_stdout_is_the_servers_export_and_verifies_from_stdin()
    {
        var ct = TestContext.Current.CancellationToken;
        using var cli = new CliRunner(app);
        await cli.LoginAsync(DemoUsers.AcmeViewer);
        var acme = await app.ClientForAsync(DemoUsers.AcmeViewer, ct);
        var server = await acme.GetStringAsync("/api/v1/audit-trail/export", ct);

        var export = await cli.RunAsync("audit-trail", "export");
        using var offline = new CliRunner();
        var verify = await offline.RunWithInputAsync(export.Stdout, "audit-trail", "verify", "-");

        Assert.Equal(0, export.ExitCode);
        Assert.Equal(server, export.Stdout);
        Assert.Equal(0, verify.ExitCode);
        Assert.EndsWith("entries, chain intact", verify.Stdout.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_shows_the_newest_entries_first_and_its_json_parses()
    {
        using var cli = new CliRunner(app);
        await cli.LoginAsync(DemoUsers.AcmeAdmin);

        var table = await cli.RunAsync("audit-trail", "list", "--page-size", "5");
        var json = await cli.RunAsync("audit-trail", "list", "--page-size", "5", "--output", "json");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("Seq", table.Stdout, StringComparison.Ordinal);
        using var page = JsonDocument.Parse(json.Stdout);
        var seqs = page.RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.NotEmpty(seqs);
        Assert.Equal(seqs.OrderDescending(), seqs);
    }

    private static async Task<string> ExportAsync(CliRunner cli, string user)
    {
        await cli.LoginAsync(user);
        var file = Path.Combine(cli.Root, "export.jsonl");
        var export = await cli.RunAsync("audit-trail", "export", "--out", file);
        Assert.True(export.ExitCode == 0, export.ToString());
        return file;
    }
}
