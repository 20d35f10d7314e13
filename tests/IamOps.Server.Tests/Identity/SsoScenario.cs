using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace IamOps.Server.Tests.Identity;

/// <summary>IamOps listening on a loopback port and a real OIDC provider configured as Acme's identity provider.</summary>
public sealed class SsoScenario : IAsyncDisposable
{
    private SsoScenario(IamOpsApp app, Uri iamOps, TestOidcProvider idp, Guid acmeId)
    {
        App = app;
        IamOps = iamOps;
        Idp = idp;
        AcmeId = acmeId;
    }

    public IamOpsApp App { get; }

    public Uri IamOps { get; }

    public TestOidcProvider Idp { get; }

    public Guid AcmeId { get; }

    /// <summary>Starts both and enables SSO for Acme with the given default role (null: no users are created).</summary>
    public static async Task<SsoScenario> StartAsync(string provider, string? defaultRole, CancellationToken ct)
    {
        var app = IamOpsApp.On(provider);
        TestOidcProvider? idp = null;
        try
        {
            // The provider and the cookie jar run on real time: correlation and nonce cookies that IamOps dated with
            // the fake clock (months behind) would arrive expired, and ID tokens would seem issued in the future.
            app.Clock.SetUtcNow(TimeProvider.System.GetUtcNow());
            app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            app.StartServer();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var iamOps = new Uri(address);

            idp = await TestOidcProvider.StartAsync([new Uri(iamOps, "/signin-oidc/acme")], ct);
            using var admin = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
            var acmeId = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/me", ct)).GetProperty("organisationId").GetGuid();
            var scenario = new SsoScenario(app, iamOps, idp, acmeId);
            (await scenario.ConfigureAsync(enabled: true, defaultRole, ct)).EnsureSuccessStatusCode();
            return scenario;
        }
        catch
        {
            if (idp is not null)
            {
                await idp.DisposeAsync();
            }
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Acme's administrator changes Acme's SSO settings.</summary>
    public async Task<HttpResponseMessage> ConfigureAsync(bool enabled, string? defaultRole, CancellationToken ct)
    {
        using var admin = await App.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        return await admin.PutAsJsonAsync($"/api/v1/organisations/{AcmeId}/sso", new
        {
            enabled,
            authority = Idp.Issuer.ToString(),
            clientId = TestOidcProvider.ClientId,
            clientSecret = TestOidcProvider.ClientSecret,
            defaultRole,
        }, ct);
    }

    public SsoBrowser NewBrowser() => new(IamOps);

    public async ValueTask DisposeAsync()
    {
        await Idp.DisposeAsync();
        await App.DisposeAsync();
    }
}
