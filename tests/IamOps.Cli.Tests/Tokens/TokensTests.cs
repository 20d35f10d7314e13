using System.Text.Json;
using IamOps.Cli.Tests.Infrastructure;
using IamOps.Server.Tests.Infrastructure;

namespace IamOps.Cli.Tests.Tokens;

public sealed class TokensTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    [Fact]
    public async Task A_created_token_works_as_IAMOPS_TOKEN_until_it_is_revoked()
    {
        using var cli = new CliRunner(app);
        await cli.LoginAsync(DemoUsers.AcmeAdmin);

        var created = await cli.RunAsync("tokens", "create", "nightly export", "--expires-in-days", "30", "-o", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        using var token = JsonDocument.Parse(created.Stdout);
        var secret = token.RootElement.GetProperty("token").GetString()!;
        var id = token.RootElement.GetProperty("id").GetString()!;
        var listed = await cli.RunAsync("tokens", "list");

        using var script = new CliRunner(app);
        script.Variables["IAMOPS_TOKEN"] = secret;
        script.Variables["IAMOPS_SERVER"] = CliRunner.Server;
        var before = await script.RunAsync("whoami");
        var revoked = await cli.RunAsync("tokens", "revoke", id);
        var after = await script.RunAsync("whoami");
        var listedAfter = await cli.RunAsync("tokens", "list", "-o", "json");

        Assert.StartsWith("iamops_pat_", secret, StringComparison.Ordinal);
        Assert.Contains("nightly export", listed.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed.Stdout, StringComparison.Ordinal);
        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Contains(DemoUsers.AcmeAdmin, before.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, revoked.ExitCode);
        Assert.Contains($"Token {id} revoked.", revoked.Stdout, StringComparison.Ordinal);
        Assert.Equal(3, after.ExitCode);
        Assert.Contains("IAMOPS_TOKEN", after.Stderr, StringComparison.Ordinal);
        using var list = JsonDocument.Parse(listedAfter.Stdout);
        var entry = list.RootElement.EnumerateArray().Single(t => t.GetProperty("id").GetString() == id);
        Assert.Equal(JsonValueKind.String, entry.GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task A_table_shows_the_new_token_once_with_a_warning()
    {
        using var cli = new CliRunner(app);
        await cli.LoginAsync(DemoUsers.GlobexAdmin);

        var created = await cli.RunAsync("tokens", "create", "ci");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains("iamops_pat_", created.Stdout, StringComparison.Ordinal);
        Assert.Contains("not shown again", created.Stdout, StringComparison.Ordinal);
        Assert.Contains("never (until revoked)", created.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_an_unknown_token_exits_1_as_not_found()
    {
        using var cli = new CliRunner(app);
        await cli.LoginAsync(DemoUsers.GlobexAdmin);
        var id = Guid.NewGuid();

        var result = await cli.RunAsync("tokens", "revoke", id.ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error: Not Found: You have no personal API token {id}.", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_servers_validation_errors_are_printed_per_field_with_exit_2()
    {
        using var cli = new CliRunner(app);
        await cli.LoginAsync(DemoUsers.GlobexAdmin);

        var result = await cli.RunAsync("tokens", "create", new string('x', 101));

        Assert.Equal(2, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines.Skip(1), l => l.TrimStart().StartsWith("Name:", StringComparison.OrdinalIgnoreCase));
    }
}
