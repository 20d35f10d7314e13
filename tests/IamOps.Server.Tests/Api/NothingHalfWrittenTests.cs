using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Core.AuditTrail;
using IamOps.Server.Data;
using IamOps.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IamOps.Server.Tests.Api;

/// <summary>One transaction per command: a command that fails half-way leaves no row and no audit entry behind.</summary>
public sealed class NothingHalfWrittenTests
{
    public static TheoryData<string> Providers => TestDatabases.Providers();

    [Theory, MemberData(nameof(Providers))]
    public async Task A_duplicate_cluster_name_is_a_409_and_writes_no_audit_entry(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = IamOpsApp.On(provider);
        var operatorClient = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var acmeId = await OrganisationOfAsync(app, DemoUsers.AcmeAdmin, ct);
        var before = await StateAsync(operatorClient, acmeId, ct);

        var response = await operatorClient.PostAsJsonAsync("/api/v1/clusters", Cluster(acmeId, "acme-prod"), ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(before, await StateAsync(operatorClient, acmeId, ct));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_unique_key_race_lost_at_commit_is_a_409_and_leaves_no_row_nor_audit_entry(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = IamOpsApp.On(provider);
        // The duplicate check is made to miss, as when another request inserts the same name between check and commit:
        // the database's unique index then refuses the insert in the middle of the audited transaction.
        var race = new MissDuplicateCheck("acme-prod");
        await using var racing = app.WithWebHostBuilder(b => b.ConfigureServices(s => Intercept(s, race)));
        var operatorClient = await SignInAsync(racing, DemoUsers.ProviderOperator, ct);
        var acmeId = await OrganisationOfAsync(app, DemoUsers.AcmeAdmin, ct);
        var before = await StateAsync(operatorClient, acmeId, ct);

        var response = await operatorClient.PostAsJsonAsync("/api/v1/clusters", Cluster(acmeId, "acme-prod"), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(1, race.Interventions);
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, problem.ToString());
        Assert.Equal(before, await StateAsync(operatorClient, acmeId, ct));
        await AssertChainStillGrowsIntactAsync(operatorClient, acmeId, ct);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_failure_in_the_middle_of_a_command_is_a_500_and_rolls_everything_back(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = IamOpsApp.On(provider);
        var failure = new FailClusterInsert("doomed");
        await using var failing = app.WithWebHostBuilder(b => b.ConfigureServices(s => Intercept(s, failure)));
        var operatorClient = await SignInAsync(failing, DemoUsers.ProviderOperator, ct);
        var acmeId = await OrganisationOfAsync(app, DemoUsers.AcmeAdmin, ct);
        var before = await StateAsync(operatorClient, acmeId, ct);

        var response = await operatorClient.PostAsJsonAsync("/api/v1/clusters", Cluster(acmeId, "doomed"), ct);
        var body = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(1, failure.Interventions);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("traceId", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Simulated", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(operatorClient, acmeId, ct));
        await AssertChainStillGrowsIntactAsync(operatorClient, acmeId, ct);
    }

    private static object Cluster(Guid clientId, string name) => new
    {
        clientOrganisationId = clientId, name, environment = "Production", keycloakVersion = "26.0.7",
        hostingRegion = "eu-west-3", postgresInstance = "pg:5432", postgresDatabase = "keycloak",
        nodes = new[] { new { host = "kc-1", httpPort = 8080, managementPort = 9000 } },
    };

    /// <summary>Acme's cluster names and the size and head of its audit chain.</summary>
    private static async Task<string> StateAsync(HttpClient client, Guid acmeId, CancellationToken ct)
    {
        var clusters = await client.GetFromJsonAsync<JsonElement>($"/api/v1/clusters?clientId={acmeId}&pageSize=200", ct);
        var audit = await client.GetFromJsonAsync<JsonElement>($"/api/v1/audit-trail?chainId={acmeId}&pageSize=1", ct);
        var names = clusters.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order(StringComparer.Ordinal);
        return $"clusters: {string.Join(",", names)}; audit: {audit.GetProperty("total").GetInt32()} entries, head {audit.GetProperty("items")[0].GetProperty("hash").GetString()}";
    }

    private static async Task AssertChainStillGrowsIntactAsync(HttpClient client, Guid acmeId, CancellationToken ct)
    {
        var next = await client.PostAsJsonAsync("/api/v1/clusters", Cluster(acmeId, "after-the-failure"), ct);
        next.EnsureSuccessStatusCode();
        var lines = (await client.GetStringAsync($"/api/v1/audit-trail/export?chainId={acmeId}", ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(AuditChain.Verify(lines).IsIntact);
    }

    private static void Intercept(IServiceCollection services, IInterceptor interceptor)
    {
        services.ConfigureDbContext<SqliteIamOpsDb>(o => o.AddInterceptors(interceptor));
        services.ConfigureDbContext<PostgresIamOpsDb>(o => o.AddInterceptors(interceptor));
    }

    private static async Task<HttpClient> SignInAsync(WebApplicationFactory<Program> factory, string email, CancellationToken ct)
    {
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = IamOpsApp.DemoPassword }, ct);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    private static async Task<Guid> OrganisationOfAsync(IamOpsApp app, string email, CancellationToken ct)
    {
        var client = await app.ClientForAsync(email, ct);
        return (await client.GetFromJsonAsync<JsonElement>("/api/v1/me", ct)).GetProperty("organisationId").GetGuid();
    }

    /// <summary>Makes the "does this name exist" query for one cluster name answer no.</summary>
    private sealed class MissDuplicateCheck(string name) : DbCommandInterceptor
    {
        public int Interventions { get; private set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("FROM \"Cluster\"", StringComparison.Ordinal)
                && command.CommandText.Contains("SELECT EXISTS", StringComparison.Ordinal)
                && command.Parameters.Cast<DbParameter>().Any(p => Equals(p.Value, name)))
            {
                var no = command is NpgsqlCommand ? "false" : "0";
                command.CommandText = command.CommandText.Replace("SELECT EXISTS", $"SELECT {no} AND EXISTS", StringComparison.Ordinal);
                Interventions++;
            }
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>Fails once the statement inserting one cluster has run: its rows, and the audit rows of the same save,
    /// are written but not committed.</summary>
    private sealed class FailClusterInsert(string name) : DbCommandInterceptor
    {
        public int Interventions { get; private set; }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData,
            DbDataReader result, CancellationToken cancellationToken = default)
        {
            FailIfInserting(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
            CancellationToken cancellationToken = default)
        {
            FailIfInserting(command);
            return ValueTask.FromResult(result);
        }

        private void FailIfInserting(DbCommand command)
        {

            if (command.CommandText.Contains("INSERT INTO \"Cluster\"", StringComparison.Ordinal)
                && command.Parameters.Cast<DbParameter>().Any(p => Equals(p.Value, name)))
            {
                Interventions++;
                throw new InvalidOperationException("Simulated failure in the middle of the command.");
            }
        }
    }
}
