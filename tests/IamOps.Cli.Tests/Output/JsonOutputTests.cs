using System.Text.Json;
using IamOps.Cli.Tests.Infrastructure;
using IamOps.Server.Tests.Infrastructure;

namespace IamOps.Cli.Tests.Output;

public sealed class JsonOutputTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    [Theory]
    [InlineData(JsonValueKind.Object, "whoami")]
    [InlineData(JsonValueKind.Object, "clusters", "list")]
    [InlineData(JsonValueKind.Array, "organisations", "list")]
    [InlineData(JsonValueKind.Array, "tokens", "list")]
    [InlineData(JsonValueKind.Object, "audit-trail", "list")]
    [InlineData(JsonValueKind.Object, "quotes", "list")]
    [InlineData(JsonValueKind.Object, "interventions", "list")]
    [InlineData(JsonValueKind.Object, "notifications", "list", "--unread")]
    public async Task Read_commands_print_the_servers_json_and_nothing_else(JsonValueKind kind, params string[] args)
    {
        using var cli = new CliRunner(app);
        await cli.LoginAsync(DemoUsers.ProviderManager);

        var result = await cli.RunAsync([.. args, "--output", "json"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(kind, json.RootElement.ValueKind);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task The_provider_sees_every_organisation_and_a_client_only_itself()
    {
        using var provider = new CliRunner(app);
        using var client = new CliRunner(app);
        await provider.LoginAsync(DemoUsers.ProviderManager);
        await client.LoginAsync(DemoUsers.GlobexViewer);

        var all = await provider.RunAsync("organisations", "list", "-o", "json");
        var own = await client.RunAsync("organisations", "list");

        using var orgs = JsonDocument.Parse(all.Stdout);
        Assert.Equal(["acme", "cloud-iam", "globex"], orgs.RootElement.EnumerateArray().Select(o => o.GetProperty("slug").GetString()).Order());
        Assert.Contains("Globex Bank", own.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Acme Retail", own.Stdout, StringComparison.Ordinal);
    }
}
