using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace IamOps.Server.Tests.Platform;

public sealed class ServiceRegistrationTests
{
    [Fact]
    public async Task The_app_starts_with_the_scope_checks_of_the_development_environment_and_answers_a_role_refusal()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new ScopeValidatingApp();
        var operatorClient = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);

        // An operator may not edit RACI letters: the refusal is written by the authorization result handler.
        var contracts = await operatorClient.GetFromJsonAsync<JsonElement>("/api/v1/contracts", ct);
        var contractId = contracts.EnumerateArray().First().GetProperty("id").GetGuid();
        var refused = await operatorClient.PutAsJsonAsync($"/api/v1/contracts/{contractId}/raci/backup-management/perform-systems-and-data-recovery",
            new { provider = "R", client = "I" }, ct);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("you are Provider with role operator", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The app as <c>dotnet run</c> builds it in Development: a singleton holding a scoped service fails at start-up.</summary>
    private sealed class ScopeValidatingApp() : IamOpsApp("sqlite")
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseDefaultServiceProvider(options =>
            {
                options.ValidateScopes = true;
                options.ValidateOnBuild = true;
            });
        }
    }
}
