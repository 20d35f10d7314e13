using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Cli.Tests.Infrastructure;
using IamOps.Server.Tests.Infrastructure;

namespace IamOps.Cli.Tests.Clusters;

public sealed class ListClustersTests
{
    public static TheoryData<string> Providers => TestDatabases.Providers();

    [Theory, MemberData(nameof(Providers))]
    public async Task An_acme_viewer_signs_in_and_lists_only_acme_clusters(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = IamOpsApp.On(provider);
        var all = await AllClustersAsync(app, ct);
        var acmeId = await OrganisationIdAsync(app, DemoUsers.AcmeAdmin, ct);
        var acmeNames = all.Where(c => c.Client == acmeId).Select(c => c.Name).Order().ToList();
        var otherNames = all.Where(c => c.Client != acmeId).Select(c => c.Name).ToList();
        Assert.NotEmpty(acmeNames);
        Assert.NotEmpty(otherNames);
        using var cli = new CliRunner(app);

        await cli.LoginAsync(DemoUsers.AcmeViewer);
        var whoami = await cli.RunAsync("whoami");
        var table = await cli.RunAsync("clusters", "list");
        var json = await cli.RunAsync("clusters", "list", "--output", "json");

        Assert.Contains("Acme Retail", whoami.Stdout, StringComparison.Ordinal);
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.All(acmeNames, name => Assert.Contains(name, table.Stdout, StringComparison.Ordinal));
        Assert.All(otherNames, name => Assert.DoesNotContain(name, table.Stdout, StringComparison.Ordinal));
        Assert.Contains($"{acmeNames.Count} clusters in all", table.Stdout, StringComparison.Ordinal);
        using var page = JsonDocument.Parse(json.Stdout);
        var items = page.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(acmeNames, items.Select(i => i.GetProperty("name").GetString()!).Order().ToList());
        Assert.All(items, i => Assert.Equal(acmeId, i.GetProperty("clientOrganisationId").GetGuid()));
    }

    [Fact]
    public async Task The_provider_lists_one_clients_clusters_by_slug_one_page_at_a_time()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new IamOpsApp();
        var globexId = await OrganisationIdAsync(app, DemoUsers.GlobexAdmin, ct);
        var globex = (await AllClustersAsync(app, ct)).Where(c => c.Client == globexId).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        using var cli = new CliRunner(app);
        await cli.LoginAsync(DemoUsers.ProviderOperator);

        var result = await cli.RunAsync("clusters", "list", "--client", "globex", "--page-size", "1", "--page", "2", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var page = JsonDocument.Parse(result.Stdout);
        Assert.Equal(globex.Count, page.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(2, page.RootElement.GetProperty("pageNumber").GetInt32());
        var item = Assert.Single(page.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(globex[1].Name, item.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Showing_another_clients_cluster_exits_1_as_not_found()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new IamOpsApp();
        var acmeId = await OrganisationIdAsync(app, DemoUsers.AcmeAdmin, ct);
        var all = await AllClustersAsync(app, ct);
        var own = all.First(c => c.Client == acmeId);
        var foreign = all.First(c => c.Client != acmeId);
        using var cli = new CliRunner(app);
        await cli.LoginAsync(DemoUsers.AcmeViewer);

        var shown = await cli.RunAsync("clusters", "show", own.Id.ToString());
        var hidden = await cli.RunAsync("clusters", "show", foreign.Id.ToString());

        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Contains(own.Name, shown.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, hidden.ExitCode);
        Assert.Contains($"error: Not Found: Cluster {foreign.Id} does not exist or is not visible to you.", hidden.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(foreign.Name, hidden.Stdout + hidden.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_client_slug_exits_1_and_says_where_to_look()
    {
        await using var app = new IamOpsApp();
        using var cli = new CliRunner(app);
        await cli.LoginAsync(DemoUsers.AcmeViewer);

        var result = await cli.RunAsync("clusters", "list", "--client", "globex");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No organisation with slug 'globex' is visible to you", result.Stderr, StringComparison.Ordinal);
    }

    private sealed record ClusterRow(Guid Id, string Name, Guid Client);

    private static async Task<List<ClusterRow>> AllClustersAsync(IamOpsApp app, CancellationToken ct)
    {
        var provider = await app.ClientForAsync(DemoUsers.ProviderAdmin, ct);
        var page = await provider.GetFromJsonAsync<JsonElement>("/api/v1/clusters?pageSize=200", ct);
        return page.GetProperty("items").EnumerateArray()
            .Select(c => new ClusterRow(c.GetProperty("id").GetGuid(), c.GetProperty("name").GetString()!, c.GetProperty("clientOrganisationId").GetGuid()))
            .ToList();
    }

    private static async Task<Guid> OrganisationIdAsync(IamOpsApp app, string user, CancellationToken ct)
    {
        var client = await app.ClientForAsync(user, ct);
        return (await client.GetFromJsonAsync<JsonElement>("/api/v1/me", ct)).GetProperty("organisationId").GetGuid();
    }
}
