using IamOps.Cli.Tests.Infrastructure;
using IamOps.Server.Modules.Raci;
using IamOps.Server.Tests.Infrastructure;

namespace IamOps.Cli.Tests.Interventions;

public sealed class InterventionsCliTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    public static TheoryData<string> Providers => TestDatabases.Providers();

    [Fact]
    public async Task A_client_asks_for_provider_work_only_the_provider_completes_it()
    {
        using var acme = new CliRunner(app);
        using var operatorCli = new CliRunner(app);
        await acme.LoginAsync(DemoUsers.AcmeAdmin);
        await operatorCli.LoginAsync(DemoUsers.ProviderOperator);
        var title = $"Login errors {Guid.NewGuid():N}";

        var requested = await acme.RunAsync("interventions", "request", "--activity", RaciActivities.IncidentManagement,
            "--title", title, "--description", "Users see 502 on login.");
        var id = TableText.Field(requested.Stdout, "Id");
        var listed = await operatorCli.RunAsync("interventions", "list", "--status", "open", "--client", "acme");
        var byClient = await acme.RunAsync("interventions", "complete", id, "--report", "Done by us.");
        var byProvider = await operatorCli.RunAsync("interventions", "complete", id, "--report", "Restarted node 2.");
        var done = await acme.RunAsync("interventions", "list", "--status", "done", "--activity", RaciActivities.IncidentManagement, "-o", "json");

        Assert.True(requested.ExitCode == 0, requested.ToString());
        Assert.Equal("open", TableText.Field(requested.Stdout, "Status"));
        Assert.Equal("provider (CLOUD-IAM)", TableText.Field(requested.Stdout, "Performed by (R)"));
        Assert.Equal(RaciActivities.IncidentManagement, TableText.Field(requested.Stdout, "RACI activity"));
        Assert.Equal($"{DemoUsers.AcmeAdmin}, client", TableText.Field(requested.Stdout, "Requested by"));
        Assert.Equal("complete", TableText.Field(requested.Stdout, "Next steps"));
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains(TableText.Rows(listed.Stdout), r => r[0] == id && r[1] == title && r[2] == "open" && r[4] == RaciActivities.IncidentManagement);
        Assert.Equal(3, byClient.ExitCode);
        Assert.Contains("only the provider (CLOUD-IAM), holding R, may perform it", byClient.Stderr, StringComparison.Ordinal);
        Assert.True(byProvider.ExitCode == 0, byProvider.ToString());
        Assert.Equal("done", TableText.Field(byProvider.Stdout, "Status"));
        Assert.Equal("Restarted node 2.", TableText.Field(byProvider.Stdout, "Report"));
        Assert.Contains(TableText.Json(done).GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Work_with_an_accountable_client_waits_for_its_approval_and_a_rejection_needs_a_reason(string provider)
    {
        await using var own = IamOpsApp.On(provider);
        using var operatorCli = new CliRunner(own);
        using var contact = new CliRunner(own);
        await operatorCli.LoginAsync(DemoUsers.ProviderOperator);
        await contact.LoginAsync(DemoUsers.AcmeContact);

        var approvedId = await RequestAsync(operatorCli, RaciActivities.DatabaseChangePromotion, "Add index", "--client", "acme");
        var rejectedId = await RequestAsync(operatorCli, RaciActivities.DatabaseChangePromotion, "Drop column", "--client", "acme");
        var approveTooEarly = await contact.RunAsync("interventions", "approve", approvedId);
        var completed = await operatorCli.RunAsync("interventions", "complete", approvedId, "--report", "Index created.");
        Assert.Equal(0, (await operatorCli.RunAsync("interventions", "complete", rejectedId, "--report", "Column dropped.")).ExitCode);
        var byProvider = await operatorCli.RunAsync("interventions", "approve", approvedId);
        var approved = await contact.RunAsync("interventions", "approve", approvedId, "--reason", "Checked in staging.");
        var noReason = await contact.RunAsync("interventions", "reject", rejectedId);
        var rejected = await contact.RunAsync("interventions", "reject", rejectedId, "--reason", "Not announced to our DBAs.");
        var approveRejected = await contact.RunAsync("interventions", "approve", rejectedId);

        Assert.Equal(1, approveTooEarly.ExitCode);
        Assert.Contains($"Intervention {approvedId} is 'open', so 'approve' is not allowed. Allowed now: complete.", approveTooEarly.Stderr, StringComparison.Ordinal);
        Assert.True(completed.ExitCode == 0, completed.ToString());
        Assert.Equal("awaiting-approval", TableText.Field(completed.Stdout, "Status"));
        Assert.Equal("client", TableText.Field(completed.Stdout, "Approved by (A)"));
        Assert.Equal("approve, reject", TableText.Field(completed.Stdout, "Next steps"));
        Assert.Equal(3, byProvider.ExitCode);
        Assert.True(approved.ExitCode == 0, approved.ToString());
        Assert.Equal("done", TableText.Field(approved.Stdout, "Status"));
        Assert.Equal("Checked in staging.", TableText.Field(approved.Stdout, "Decision reason"));
        Assert.StartsWith($"{DemoUsers.AcmeContact}, ", TableText.Field(approved.Stdout, "Decision"), StringComparison.Ordinal);
        Assert.Equal(2, noReason.ExitCode);
        Assert.Contains("Option '--reason' is required", noReason.Stderr, StringComparison.Ordinal);
        Assert.Equal("rejected", TableText.Field(rejected.Stdout, "Status"));
        Assert.Equal(1, approveRejected.ExitCode);
        Assert.Contains($"Intervention {rejectedId} is 'rejected', so 'approve' is not allowed. Allowed now: nothing.", approveRejected.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pending_consultation_blocks_completion_until_the_consulted_client_responds()
    {
        using var operatorCli = new CliRunner(app);
        using var contact = new CliRunner(app);
        await operatorCli.LoginAsync(DemoUsers.ProviderOperator);
        await contact.LoginAsync(DemoUsers.AcmeContact);
        var id = await RequestAsync(operatorCli, RaciActivities.BackupPolicyDefinition, "Backup policy", "--client", "acme");

        var shown = await contact.RunAsync("interventions", "show", id);
        var consultation = TableText.Rows(shown.Stdout).Single(r => r.Length == 6 && r[1] == "client");
        var blocked = await operatorCli.RunAsync("interventions", "complete", id, "--report", "Policy set.");
        var byProvider = await operatorCli.RunAsync("interventions", "respond", id, consultation[0], "--text", "ok");
        var answered = await contact.RunAsync("interventions", "respond", id, consultation[0], "--text", "Keep 35 days please.");
        var completed = await operatorCli.RunAsync("interventions", "complete", id, "--report", "Policy set, 35 days.");

        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Contains("Consultations (C)", shown.Stdout, StringComparison.Ordinal);
        Assert.Equal("pending", consultation[2]);
        Assert.Equal(app.Clock.GetUtcNow().AddDays(2).ToString("yyyy-MM-dd HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture), consultation[3]);
        Assert.Equal(1, blocked.ExitCode);
        Assert.Contains("so 'complete' is not allowed (it waits for input from the client (consulted, due ", blocked.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, byProvider.ExitCode);
        Assert.Contains("error: Not allowed by the contract's RACI matrix: ", byProvider.Stderr, StringComparison.Ordinal);
        Assert.True(answered.ExitCode == 0, answered.ToString());
        var row = TableText.Rows(answered.Stdout).Single(r => r.Length == 6 && r[0] == consultation[0]);
        Assert.Equal("answered", row[2]);
        Assert.Equal("Keep 35 days please.", row[4]);
        Assert.True(completed.ExitCode == 0, completed.ToString());
        Assert.Equal("done", TableText.Field(completed.Stdout, "Status"));
    }

    [Fact]
    public async Task The_support_party_contributes_and_a_party_without_S_or_R_may_not()
    {
        using var acme = new CliRunner(app);
        using var operatorCli = new CliRunner(app);
        await acme.LoginAsync(DemoUsers.AcmeAdmin);
        await operatorCli.LoginAsync(DemoUsers.ProviderOperator);
        var config = await RequestAsync(acme, RaciActivities.KeycloakConfigurationByClient, "Enable brute-force detection");
        var incident = await RequestAsync(acme, RaciActivities.IncidentManagement, "Slow logins");

        var helped = await operatorCli.RunAsync("interventions", "contribute", config, "--text", "Suggest 5 failures, 15 min.");
        var json = TableText.Json(await acme.RunAsync("interventions", "show", config, "-o", "json"));
        var refused = await acme.RunAsync("interventions", "contribute", incident, "--text", "Also on mobile.");

        Assert.True(helped.ExitCode == 0, helped.ToString());
        Assert.Contains("Contributions (S)", helped.Stdout, StringComparison.Ordinal);
        Assert.Contains(TableText.Rows(helped.Stdout), r => r.Length == 4 && r[1] == "provider (CLOUD-IAM)" && r[2] == DemoUsers.ProviderOperator
            && r[3] == "Suggest 5 failures, 15 min.");
        var contribution = Assert.Single(json.GetProperty("contributions").EnumerateArray());
        Assert.Equal("Provider", contribution.GetProperty("party").GetString());
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("contribute to", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_no_activity_covers_reports_that_it_became_a_quote_request()
    {
        using var contact = new CliRunner(app);
        using var manager = new CliRunner(app);
        await contact.LoginAsync(DemoUsers.GlobexContact);
        await manager.LoginAsync(DemoUsers.ProviderManager);
        const string key = "change-management/rewrite-our-mobile-app";

        var result = await contact.RunAsync("interventions", "request", "--activity", key, "--title", "Custom theme", "--description", "A Keycloak login theme.");
        var asJson = TableText.Json(await contact.RunAsync("interventions", "request", "--activity", key, "--title", "Second theme",
            "--description", "Another one.", "-o", "json"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"Recorded as a quote request: no row of the client's contract has the key '{key}', and work the contract does not define requires a quote.", lines[0]);
        var quoteId = lines[1].Split(' ')[2].TrimEnd(':');
        Assert.Equal($"Quote request {quoteId}: follow it with `iamops quotes show {quoteId}`.", lines[1]);
        var quote = TableText.Json(await manager.RunAsync("quotes", "show", quoteId, "-o", "json"));
        Assert.Equal("requested", quote.GetProperty("status").GetString());
        Assert.Equal("Custom theme", quote.GetProperty("title").GetString());
        Assert.Equal(key, quote.GetProperty("activityKey").GetString());
        Assert.Equal(DemoUsers.GlobexContact, quote.GetProperty("requestedBy").GetString());
        Assert.Equal("quote-request", asJson.GetProperty("kind").GetString());
        var interventions = TableText.Json(await contact.RunAsync("interventions", "list", "-o", "json"));
        Assert.DoesNotContain(interventions.GetProperty("items").EnumerateArray(), i => i.GetProperty("title").GetString() is "Custom theme" or "Second theme");
    }

    [Fact]
    public async Task A_viewer_may_not_request_and_another_client_cannot_see_the_work()
    {
        using var viewer = new CliRunner(app);
        using var acme = new CliRunner(app);
        using var globex = new CliRunner(app);
        await viewer.LoginAsync(DemoUsers.AcmeViewer);
        await acme.LoginAsync(DemoUsers.AcmeAdmin);
        await globex.LoginAsync(DemoUsers.GlobexAdmin);
        var id = await RequestAsync(acme, RaciActivities.KeycloakConfigurationByClient, "Acme only");

        var byViewer = await viewer.RunAsync("interventions", "request", "--activity", RaciActivities.IncidentManagement, "--title", "t", "--description", "d");
        var foreign = await globex.RunAsync("interventions", "complete", id, "--report", "x");

        Assert.Equal(3, byViewer.ExitCode);
        Assert.Contains("The viewer role is read-only", byViewer.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, foreign.ExitCode);
        Assert.Contains($"Intervention {id} does not exist or is not visible to you.", foreign.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_provider_must_name_the_client_and_the_servers_complaint_names_the_option()
    {
        using var operatorCli = new CliRunner(app);
        await operatorCli.LoginAsync(DemoUsers.ProviderOperator);

        var unnamed = await operatorCli.RunAsync("interventions", "request", "--activity", RaciActivities.IncidentManagement, "--title", "t", "--description", "d");
        var tooLong = await operatorCli.RunAsync("interventions", "request", "--activity", RaciActivities.IncidentManagement, "--client", "acme",
            "--title", new string('x', 201), "--description", "d");

        Assert.Equal(2, unnamed.ExitCode);
        Assert.Contains("\n  --client: The provider must name the client organisation the intervention is for.\n", unnamed.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, tooLong.ExitCode);
        Assert.Contains("\n  --title: ", tooLong.Stderr, StringComparison.Ordinal);
    }

    private static async Task<string> RequestAsync(CliRunner cli, string activity, string title, params string[] extra)
    {
        var result = await cli.RunAsync(["interventions", "request", "--activity", activity, "--title", title, "--description", $"{title}, please.", .. extra, "-o", "json"]);
        return TableText.Json(result).GetProperty("id").GetString()!;
    }
}
