using IamOps.Cli.Tests.Infrastructure;
using IamOps.Server.Modules.Raci;
using IamOps.Server.Tests.Infrastructure;
using IamOps.Server.Tests.Raci;

namespace IamOps.Cli.Tests.Raci;

public sealed class RaciCliTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    [Fact]
    public async Task Explain_prints_the_row_its_parties_and_the_client_users_own_letters()
    {
        using var cli = new CliRunner(app);
        await cli.LoginAsync(DemoUsers.AcmeAdmin);

        var result = await cli.RunAsync("raci", "explain", RaciActivities.KeycloakConfigurationByClient);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"{RaciActivities.KeycloakConfigurationByClient}: Use the administration console or the API to configure the Keycloak cluster.",
            TableText.Field(result.Stdout, "Activity"));
        Assert.Equal("Configuration Management > CONFIGURATION MANAGEMENT", TableText.Field(result.Stdout, "Where"));
        Assert.Equal("S", TableText.Field(result.Stdout, "Provider"));
        Assert.Equal("R, A", TableText.Field(result.Stdout, "Client"));
        Assert.Equal("Client", TableText.Field(result.Stdout, "Responsible"));
        Assert.Equal("Provider", TableText.Field(result.Stdout, "Support"));
        Assert.Equal("Client (R, A)", TableText.Field(result.Stdout, "You"));
        Assert.Equal("perform it, approve it, contribute", TableText.Field(result.Stdout, "You may"));
        Assert.Contains("You act for the client: you may perform it, approve its outcome.", result.Stdout.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task The_provider_explaining_the_same_row_sees_its_own_support_letter()
    {
        using var cli = new CliRunner(app);
        await cli.LoginAsync(DemoUsers.ProviderOperator);

        var result = await cli.RunAsync("raci", "explain", RaciActivities.KeycloakConfigurationByClient);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Provider (S)", TableText.Field(result.Stdout, "You"));
        Assert.Equal("contribute", TableText.Field(result.Stdout, "You may"));
    }

    [Fact]
    public async Task Explain_as_json_is_the_servers_answer_for_the_callers_contract()
    {
        using var cli = new CliRunner(app);
        await cli.LoginAsync(DemoUsers.AcmeViewer);
        var acme = await app.ClientForAsync(DemoUsers.AcmeViewer, TestContext.Current.CancellationToken);
        var contractId = await acme.OwnContractIdAsync(TestContext.Current.CancellationToken);

        var json = TableText.Json(await cli.RunAsync("raci", "explain", RaciActivities.BackupPolicyDefinition, "--output", "json"));

        Assert.Equal(contractId, json.GetProperty("contractId").GetGuid());
        Assert.Equal(RaciActivities.BackupPolicyDefinition, json.GetProperty("activity").GetProperty("key").GetString());
        Assert.Equal("Client", json.GetProperty("you").GetProperty("party").GetString());
        Assert.Equal("I,C", json.GetProperty("you").GetProperty("letters").GetString());
        Assert.True(json.GetProperty("you").GetProperty("isConsulted").GetBoolean());
        Assert.False(json.GetProperty("you").GetProperty("mayPerform").GetBoolean());
    }

    [Fact]
    public async Task An_unknown_key_exits_1_with_the_servers_suggestions_of_close_keys()
    {
        using var cli = new CliRunner(app);
        await cli.LoginAsync(DemoUsers.AcmeContact);

        var result = await cli.RunAsync("raci", "explain", "incident-managment/perform-incident-management-tasks");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.StartsWith("error: Unknown activity: No RACI row has the key 'incident-managment/perform-incident-management-tasks'. Did you mean ",
            result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"  did you mean: {RaciActivities.IncidentManagement}\n", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_matrix_prints_the_seeds_table_headings_and_cells_exactly()
    {
        var ct = TestContext.Current.CancellationToken;
        var contractId = await (await app.ClientForAsync(DemoUsers.GlobexViewer, ct)).OwnContractIdAsync(ct);
        using var cli = new CliRunner(app) { Width = 600 };
        await cli.LoginAsync(DemoUsers.GlobexViewer);

        var result = await cli.RunAsync("raci", "matrix", "--contract", contractId.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        var printed = PrintedTables(result.Stdout);
        var seed = SeedTables();
        Assert.Equal(seed.Count, printed.Count);
        foreach (var (expected, actual) in seed.Zip(printed))
        {
            Assert.EndsWith($" > {expected.Name}", actual.Title, StringComparison.Ordinal);
            Assert.Equal(["Key", "Activity", expected.ProviderHeading, expected.ClientHeading], actual.Header);
            Assert.Equal(expected.Rows, actual.Rows.Select(r => (r[1], r[2], r[3])).ToList());
            Assert.All(actual.Rows, r => Assert.Matches("^[a-z0-9-]+/[a-z0-9-]+$", r[0]));
        }
        var audit = printed.SelectMany(t => t.Rows).Single(r => r[0] == RaciActivities.KeycloakAuditActivated);
        Assert.Equal("R , A", audit[3]);
    }

    [Fact]
    public async Task Another_clients_matrix_is_not_found()
    {
        var ct = TestContext.Current.CancellationToken;
        var acmeContract = await (await app.ClientForAsync(DemoUsers.AcmeAdmin, ct)).OwnContractIdAsync(ct);
        using var cli = new CliRunner(app);
        await cli.LoginAsync(DemoUsers.GlobexAdmin);

        var result = await cli.RunAsync("raci", "matrix", "--contract", acmeContract.ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Contract {acmeContract} does not exist or is not yours", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    private sealed record PrintedTable(string Title, string[] Header, List<string[]> Rows);

    /// <summary>The matrix's tables as printed: a title line, then a header row and the body rows (one line each when nothing wraps).</summary>
    private static List<PrintedTable> PrintedTables(string stdout)
    {
        var tables = new List<PrintedTable>();
        foreach (var line in stdout.Split('\n').Select(l => l.Trim()))
        {
            if (line.Length == 0 || "╭├╰".Contains(line[0], StringComparison.Ordinal))
            {
                continue;
            }
            if (line[0] != '│')
            {
                tables.Add(new PrintedTable(line, [], []));
                continue;
            }
            var cells = TableText.Rows(line).Single();
            var table = tables[^1];
            if (table.Header.Length == 0)
            {
                tables[^1] = table with { Header = cells };
            }
            else
            {
                table.Rows.Add(cells);
            }
        }
        return tables;
    }

    private sealed record SeedTable(string Name, string ProviderHeading, string ClientHeading, List<(string Text, string Provider, string Client)> Rows);

    /// <summary>The seed's tab-separated tables read directly: a header row names the columns, rows follow until other text.</summary>
    private static List<SeedTable> SeedTables()
    {
        var tables = new List<SeedTable>();
        var (providerColumn, clientColumn) = (0, 0);
        foreach (var line in SeedFile.Text().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0))
        {
            if (!line.Contains('\t', StringComparison.Ordinal))
            {
                continue;
            }
            var cells = line.Split('\t').Select(c => c.Trim()).ToArray();
            var provider = Array.FindIndex(cells, 1, c => c.StartsWith("CLOUD-IAM", StringComparison.Ordinal));
            var client = Array.FindIndex(cells, 1, c => c is "[CLIENT]" or "[CUSTOMER]");
            if (provider > 0 && client > 0)
            {
                (providerColumn, clientColumn) = (provider, client);
                tables.Add(new SeedTable(cells[0], cells[provider], cells[client], []));
            }
            else
            {
                tables[^1].Rows.Add((cells[0], cells[providerColumn], cells[clientColumn]));
            }
        }
        return tables;
    }
}
