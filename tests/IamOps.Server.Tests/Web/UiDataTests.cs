using IamOps.Server.Modules.Clusters;
using IamOps.Server.Modules.Identity;
using IamOps.Server.Modules.Organisations;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using IamOps.Server.Modules.Web;
using IamOps.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Security.Claims;

namespace IamOps.Server.Tests.Web;

/// <summary>UI operations run outside any HTTP request (interactive circuits): they must see and write as the circuit's user.</summary>
public sealed class UiDataTests
{
    public static TheoryData<string> Providers => TestDatabases.Providers();

    [Theory, MemberData(nameof(Providers))]
    public async Task A_ui_operation_sees_only_the_signed_in_clients_data(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = IamOpsApp.On(provider);
        await using var circuit = app.Services.CreateAsyncScope();
        await SignInCircuitAsync(circuit.ServiceProvider, DemoUsers.AcmeViewer);
        var data = circuit.ServiceProvider.GetRequiredService<UiData>();

        var names = await data.RunAsync((s, t) => s.Db.Set<Cluster>().OrderBy(c => c.Name).Select(c => c.Name).ToListAsync(t), ct);

        Assert.Equal(["acme-prod", "acme-staging"], names);
    }

    [Fact]
    public async Task A_circuit_without_a_signed_in_user_sees_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new IamOpsApp();
        await using var circuit = app.Services.CreateAsyncScope();
        SetCircuitUser(circuit.ServiceProvider, new ClaimsPrincipal(new ClaimsIdentity()));
        var data = circuit.ServiceProvider.GetRequiredService<UiData>();

        var clusters = await data.RunAsync((s, t) => s.Db.Set<Cluster>().CountAsync(t), ct);
        var organisations = await data.RunAsync((s, t) => s.Db.Organisations.CountAsync(t), ct);

        Assert.Equal(0, clusters);
        Assert.Equal(0, organisations);
    }

    [Fact]
    public async Task A_change_made_in_the_ui_is_audited_with_the_circuit_user_as_actor()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new IamOpsApp();
        await using var circuit = app.Services.CreateAsyncScope();
        await SignInCircuitAsync(circuit.ServiceProvider, DemoUsers.GlobexContact);
        var data = circuit.ServiceProvider.GetRequiredService<UiData>();

        var created = await data.RunAsync((s, t) => PersonalTokens.CreateAsync(
            new CreatePersonalTokenRequest("from-the-ui", null), s.Tenant, s.Db, s.Get<TimeProvider>(), t), ct);
        var last = await data.RunAsync((s, t) => s.Db.AuditEntries.OrderByDescending(a => a.Seq).FirstAsync(t), ct);

        Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.Created<CreatedPersonalTokenDto>>(created.Result);
        Assert.Equal(DemoUsers.GlobexContact, last.Actor);
        Assert.Equal(nameof(PersonalApiToken), last.EntityType);
        Assert.Equal("created", last.Action);
    }

    [Theory]
    [InlineData(DemoUsers.AcmeAdmin, true)]
    [InlineData(DemoUsers.AcmeViewer, false)]
    [InlineData(DemoUsers.ProviderOperator, false)]
    public async Task A_raci_check_made_in_the_ui_decides_for_the_circuits_user(string email, bool allowed)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new IamOpsApp();
        await using var circuit = app.Services.CreateAsyncScope();
        await SignInCircuitAsync(circuit.ServiceProvider, email);
        var data = circuit.ServiceProvider.GetRequiredService<UiData>();

        var evaluation = await data.RunAsync(async (s, t) =>
        {
            var acme = await s.Db.Organisations.IgnoreQueryFilters().Where(o => o.Slug == "acme").Select(o => o.Id).SingleAsync(t);
            return await s.Get<RaciGate>().CheckAsync(acme, RaciActivities.KeycloakConfigurationByClient, RaciDuty.Perform);
        }, ct);

        Assert.Equal(allowed, evaluation.Allowed);
        Assert.Contains("Use the administration console or the API to configure the Keycloak cluster.", evaluation.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DemoUsers.ProviderManager, true)]
    [InlineData(DemoUsers.ProviderAdmin, true)]
    [InlineData(DemoUsers.ProviderOperator, false)]
    [InlineData(DemoUsers.AcmeAdmin, false)]
    public async Task A_ui_operation_checks_a_policy_as_an_endpoint_requiring_it_would(string email, bool allowed)
    {
        await using var app = new IamOpsApp();
        await using var circuit = app.Services.CreateAsyncScope();
        await SignInCircuitAsync(circuit.ServiceProvider, email);
        var data = circuit.ServiceProvider.GetRequiredService<UiData>();

        var may = await data.RunAsync((s, _) => s.MayAsync(Policies.ProviderManager), TestContext.Current.CancellationToken);

        Assert.Equal(allowed, may);
    }

    private static async Task SignInCircuitAsync(IServiceProvider circuit, string email)
    {
        var users = circuit.GetRequiredService<UserManager<AppUser>>();
        var signIn = circuit.GetRequiredService<SignInManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No demo user {email}.");
        SetCircuitUser(circuit, await signIn.CreateUserPrincipalAsync(user));
    }

    // What the Blazor circuit host does when a circuit starts: hand it the user of the connection.
    private static void SetCircuitUser(IServiceProvider circuit, ClaimsPrincipal user) =>
        ((IHostEnvironmentAuthenticationStateProvider)circuit.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(user)));
}
