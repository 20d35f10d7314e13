using IamOps.Cli.Tests.Infrastructure;
using IamOps.Server.Tests.Infrastructure;

namespace IamOps.Cli.Tests.Incidents;

public sealed class IncidentsCliTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    [Fact]
    public async Task Provider_staff_acknowledge_note_and_resolve_an_incident_and_a_step_out_of_order_says_what_is_allowed()
    {
        using var operatorCli = new CliRunner(app);
        using var acme = new CliRunner(app);
        await operatorCli.LoginAsync(DemoUsers.ProviderOperator);
        await acme.LoginAsync(DemoUsers.AcmeContact);

        var listed = await operatorCli.RunAsync("incidents", "list", "--client", "acme", "--status", "new");
        var id = TableText.Rows(listed.Stdout).First(r => r[2] == "Password reset e-mails delayed on staging")[0];
        var tooEarly = await operatorCli.RunAsync("incidents", "resolve", id);
        var acked = await operatorCli.RunAsync("incidents", "ack", id, "--note", "Looking at the relay.");
        var noted = await acme.RunAsync("incidents", "note", id, "--text", "Happens since Monday.");
        var byClient = await acme.RunAsync("incidents", "resolve", id);
        var resolved = await operatorCli.RunAsync("incidents", "resolve", id, "--note", "Relay queue drained.");
        var shown = await acme.RunAsync("incidents", "show", id, "-o", "json");

        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.NotEqual(0, tooEarly.ExitCode);
        Assert.Contains("Allowed now: acknowledge", tooEarly.Stderr, StringComparison.Ordinal);
        Assert.True(acked.ExitCode == 0, acked.ToString());
        Assert.Equal("acknowledged", TableText.Field(acked.Stdout, "Status"));
        Assert.Equal(DemoUsers.ProviderOperator, TableText.Field(acked.Stdout, "Owner"));
        Assert.True(noted.ExitCode == 0, noted.ToString());
        Assert.Equal(3, byClient.ExitCode);
        Assert.True(resolved.ExitCode == 0, resolved.ToString());
        Assert.Equal("resolved", TableText.Field(resolved.Stdout, "Status"));
        var timeline = TableText.Json(shown).GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("text").GetString()).ToList();
        Assert.Contains("new → acknowledged: Looking at the relay.", timeline);
        Assert.Contains("Happens since Monday.", timeline);
        Assert.Contains("acknowledged → resolved: Relay queue drained.", timeline);
    }

    [Fact]
    public async Task An_unknown_incident_is_reported_as_not_found()
    {
        using var cli = new CliRunner(app);
        await cli.LoginAsync(DemoUsers.GlobexAdmin);

        var result = await cli.RunAsync("incidents", "show", Guid.NewGuid().ToString());

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("does not exist or is not visible to you", result.Stderr, StringComparison.Ordinal);
    }
}
