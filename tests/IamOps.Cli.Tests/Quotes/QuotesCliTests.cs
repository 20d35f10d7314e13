using IamOps.Cli.Tests.Infrastructure;
using IamOps.Server.Tests.Infrastructure;

namespace IamOps.Cli.Tests.Quotes;

public sealed class QuotesCliTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    public static TheoryData<string> Providers => TestDatabases.Providers();

    [Theory, MemberData(nameof(Providers))]
    public async Task A_client_admin_requests_the_provider_manager_quotes_and_the_client_admin_accepts(string provider)
    {
        await using var own = IamOpsApp.On(provider);
        using var admin = new CliRunner(own);
        using var manager = new CliRunner(own);
        using var viewer = new CliRunner(own);
        await admin.LoginAsync(DemoUsers.AcmeAdmin);
        await manager.LoginAsync(DemoUsers.ProviderManager);
        await viewer.LoginAsync(DemoUsers.AcmeViewer);

        var requested = await admin.RunAsync("quotes", "request", "--title", "Custom login theme", "--description", "Our brand on the login page.");
        var id = TableText.Field(requested.Stdout, "Id");
        var listed = await manager.RunAsync("quotes", "list", "--status", "requested", "--client", "acme");
        var quoted = await manager.RunAsync("quotes", "quote", id, "--amount", "1250", "--currency", "eur", "--text", "Two days of work.");
        var byViewer = await viewer.RunAsync("quotes", "accept", id);
        var accepted = await admin.RunAsync("quotes", "accept", id, "--reason", "PO 4711");
        var shown = TableText.Json(await manager.RunAsync("quotes", "show", id, "-o", "json"));

        Assert.True(requested.ExitCode == 0, requested.ToString());
        Assert.Equal("requested", TableText.Field(requested.Stdout, "Status"));
        Assert.StartsWith("Acme Retail (", TableText.Field(requested.Stdout, "Client"), StringComparison.Ordinal);
        Assert.Equal("quote", TableText.Field(requested.Stdout, "Next steps"));
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains(TableText.Rows(listed.Stdout), r => r[0] == id && r[1] == "Custom login theme" && r[4] == DemoUsers.AcmeAdmin);
        Assert.True(quoted.ExitCode == 0, quoted.ToString());
        Assert.Equal("quoted", TableText.Field(quoted.Stdout, "Status"));
        Assert.Equal("1250.00 EUR", TableText.Field(quoted.Stdout, "Quote"));
        Assert.Equal("accept, refuse", TableText.Field(quoted.Stdout, "Next steps"));
        Assert.Equal(3, byViewer.ExitCode);
        Assert.Contains("error: Forbidden: Only an admin of the client organisation may accept a quote", byViewer.Stderr, StringComparison.Ordinal);
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Equal("accepted", TableText.Field(accepted.Stdout, "Status"));
        Assert.Equal("1250.00 EUR", TableText.Field(accepted.Stdout, "Quote"));
        Assert.Equal("accepted", shown.GetProperty("status").GetString());
        Assert.Equal("PO 4711", shown.GetProperty("decisionReason").GetString());
        Assert.Equal(1250m, shown.GetProperty("quotedAmount").GetDecimal());
        Assert.Equal("EUR", shown.GetProperty("currency").GetString());
        Assert.Empty(shown.GetProperty("allowed").EnumerateArray());
    }

    [Fact]
    public async Task Refusing_needs_a_reason_and_a_refused_quote_can_no_longer_be_accepted()
    {
        using var admin = new CliRunner(app);
        using var manager = new CliRunner(app);
        await admin.LoginAsync(DemoUsers.GlobexAdmin);
        await manager.LoginAsync(DemoUsers.ProviderManager);
        var id = TableText.Json(await admin.RunAsync("quotes", "request", "--title", "LDAP federation", "--description", "Federate our AD.", "-o", "json"))
            .GetProperty("id").GetString()!;
        Assert.Equal(0, (await manager.RunAsync("quotes", "quote", id, "--amount", "800.5", "--currency", "EUR", "--text", "One day.")).ExitCode);

        var noReason = await admin.RunAsync("quotes", "refuse", id);
        var refused = await admin.RunAsync("quotes", "refuse", id, "--reason", "Too expensive for now.");
        var acceptAfter = await admin.RunAsync("quotes", "accept", id);

        Assert.Equal(2, noReason.ExitCode);
        Assert.Contains("Option '--reason' is required", noReason.Stderr, StringComparison.Ordinal);
        Assert.True(refused.ExitCode == 0, refused.ToString());
        Assert.Equal("refused", TableText.Field(refused.Stdout, "Status"));
        Assert.Equal("Too expensive for now.", TableText.Field(refused.Stdout, "Decision reason"));
        Assert.Equal("800.50 EUR", TableText.Field(refused.Stdout, "Quote"));
        Assert.Equal(1, acceptAfter.ExitCode);
        Assert.Equal($"error: Not allowed in the current state: Quote request {id} is 'refused', so 'accept' is not allowed. Allowed now: nothing.\n",
            acceptAfter.Stderr);
    }

    [Fact]
    public async Task Accepting_before_the_provider_quotes_exits_1_naming_the_allowed_transition()
    {
        using var admin = new CliRunner(app);
        using var manager = new CliRunner(app);
        await admin.LoginAsync(DemoUsers.AcmeAdmin);
        await manager.LoginAsync(DemoUsers.ProviderManager);
        var id = TableText.Json(await admin.RunAsync("quotes", "request", "--title", "Extra realm", "--description", "A realm for partners.", "-o", "json"))
            .GetProperty("id").GetString()!;

        var early = await admin.RunAsync("quotes", "accept", id);
        var quoted = await manager.RunAsync("quotes", "quote", id, "--amount", "300", "--currency", "USD", "--text", "Half a day.");
        var quotedTwice = await manager.RunAsync("quotes", "quote", id, "--amount", "200", "--currency", "USD", "--text", "Cheaper.");

        Assert.Equal(1, early.ExitCode);
        Assert.Contains($"Quote request {id} is 'requested', so 'accept' is not allowed. Allowed now: quote.", early.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, quoted.ExitCode);
        Assert.Equal(1, quotedTwice.ExitCode);
        Assert.Contains("is 'quoted', so 'quote' is not allowed. Allowed now: accept, refuse.", quotedTwice.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_operator_may_not_quote_and_a_client_sees_only_its_own_requests()
    {
        using var acme = new CliRunner(app);
        using var globex = new CliRunner(app);
        using var operatorCli = new CliRunner(app);
        await acme.LoginAsync(DemoUsers.AcmeContact);
        await globex.LoginAsync(DemoUsers.GlobexViewer);
        await operatorCli.LoginAsync(DemoUsers.ProviderOperator);
        var id = TableText.Json(await acme.RunAsync("quotes", "request", "--title", "Acme-only work", "--description", "Secret.", "-o", "json"))
            .GetProperty("id").GetString()!;

        var byOperator = await operatorCli.RunAsync("quotes", "quote", id, "--amount", "10", "--currency", "EUR", "--text", "x");
        var foreign = await globex.RunAsync("quotes", "show", id);
        var globexList = await globex.RunAsync("quotes", "list");

        Assert.Equal(3, byOperator.ExitCode);
        Assert.Contains("role manager or admin; you are Provider with role operator", byOperator.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, foreign.ExitCode);
        Assert.Contains($"error: Not Found: Quote request {id} does not exist or is not visible to you.", foreign.Stderr, StringComparison.Ordinal);
        Assert.True(globexList.ExitCode == 0, globexList.ToString());
        Assert.DoesNotContain(id, globexList.Stdout, StringComparison.Ordinal);
    }
}
