using IamOps.Cli.Tests.Infrastructure;
using IamOps.Server.Tests.Infrastructure;

namespace IamOps.Cli.Tests.Changes;

public sealed class ChangesCliTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    [Fact]
    public async Task A_change_goes_from_create_to_closed_and_a_refused_slot_names_the_next_valid_one()
    {
        using var operatorCli = new CliRunner(app);
        using var acme = new CliRunner(app);
        await operatorCli.LoginAsync(DemoUsers.ProviderOperator);
        await acme.LoginAsync(DemoUsers.AcmeContact);

        var created = await operatorCli.RunAsync("changes", "create", "--cluster", "acme-staging", "--resource", "realm:master",
            "--title", "SMTP relay", "--description", "Switch the master realm to the new relay", "--complexity", "2", "--importance", "2", "--impact", "2");
        var id = TableText.Field(created.Stdout, "Id");
        var submitted = await operatorCli.RunAsync("changes", "submit", id);
        var answered = await acme.RunAsync("changes", "show", id);
        var api = await app.ClientForAsync(DemoUsers.AcmeContact, TestContext.Current.CancellationToken);
        (await api.PostAsync($"/api/v1/changes/{id}/consultations/0/respond",
            new StringContent("{\"response\":\"ok\"}", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var approved = await operatorCli.RunAsync("changes", "approve", id, "--comment", "Reviewed");
        var refused = await operatorCli.RunAsync("changes", "schedule", id, "--start", "2026-03-04T17:30:00+01:00", "--end", "2026-03-04T18:30:00+01:00");
        var scheduled = await operatorCli.RunAsync("changes", "schedule", id, "--start", "2026-03-05T08:00:00+01:00", "--end", "2026-03-05T09:00:00+01:00");
        var calendar = await acme.RunAsync("changes", "calendar", "--from", "2026-03-05T00:00:00Z", "--to", "2026-03-06T00:00:00Z");
        await operatorCli.RunAsync("changes", "list");
        var reportTooEarly = await operatorCli.RunAsync("changes", "report", id, "--report", "Done");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal("Medium", TableText.Field(created.Stdout, "Type"));
        Assert.Equal("draft", TableText.Field(created.Stdout, "Status"));
        Assert.Equal("in-review", TableText.Field(submitted.Stdout, "Status"));
        Assert.Equal(0, answered.ExitCode);
        Assert.True(approved.ExitCode == 0, approved.ToString());
        Assert.Equal("approved", TableText.Field(approved.Stdout, "Status"));
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("working hours", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("Next valid slot: 2026-03-05 07:00:00Z", refused.Stderr, StringComparison.Ordinal);
        Assert.True(scheduled.ExitCode == 0, scheduled.ToString());
        Assert.Equal("scheduled", TableText.Field(scheduled.Stdout, "Status"));
        Assert.Contains(TableText.Rows(calendar.Stdout), r => r.Contains("SMTP relay") && r.Contains("change"));
        Assert.NotEqual(0, reportTooEarly.ExitCode);
        Assert.Contains("completion, failure or roll-back", reportTooEarly.Stderr, StringComparison.Ordinal);
    }
}
