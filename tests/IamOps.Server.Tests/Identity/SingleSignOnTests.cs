using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IamOps.Server.Tests.Infrastructure;

namespace IamOps.Server.Tests.Identity;

/// <summary>Sign-in through an organisation's own OpenID Connect provider, end to end against a real provider.</summary>
public sealed class SingleSignOnTests
{
    public static TheoryData<string> Providers => TestDatabases.Providers();

    [Theory, MemberData(nameof(Providers))]
    public async Task Acme_admin_signs_in_through_acmes_identity_provider_and_gets_an_iamops_session(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sso = await SsoScenario.StartAsync(provider, defaultRole: null, ct);
        using var browser = sso.NewBrowser();

        var landing = await browser.SignInAsync("/account/sso/acme?returnUrl=/clusters", "admin@acme.example", TestOidcProvider.Password, ct);
        var me = await browser.GetAsync("/api/v1/me", ct);
        var body = await me.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal("/clusters", landing);
        // The provider requires PKCE of every client (server.mjs), so getting this far proves IamOps sent a code challenge.
        Assert.Contains(browser.Visited, u => u.Authority == sso.Idp.Issuer.Authority && u.AbsolutePath == "/auth");
        Assert.Contains(browser.Visited, u => u.Authority == sso.IamOps.Authority && u.AbsolutePath == "/signin-oidc/acme");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("admin@acme.example", body.GetProperty("email").GetString());
        Assert.Equal(sso.AcmeId, body.GetProperty("organisationId").GetGuid());
        Assert.Equal("admin", body.GetProperty("role").GetString());
        Assert.NotNull(browser.Cookies.GetAllCookies()["iamops.auth"]);
    }

    [Fact]
    public async Task A_sign_in_through_sso_is_written_to_the_organisations_audit_trail()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sso = await SsoScenario.StartAsync("sqlite", defaultRole: null, ct);
        using var browser = sso.NewBrowser();

        await browser.SignInAsync("/account/sso/acme", "admin@acme.example", TestOidcProvider.Password, ct);
        var entry = await LastAuditEntryAsync(sso, "sso-signed-in", ct);

        Assert.NotNull(entry);
        Assert.Equal("admin@acme.example", entry["actor"]!.GetValue<string>());
        Assert.Equal(sso.AcmeId.ToString(), entry["chainId"]!.GetValue<string>());
        Assert.Equal(sso.Idp.Issuer.ToString(), entry["after"]!["authority"]!.GetValue<string>());
        Assert.Equal("u-acme-admin", entry["after"]!["subject"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_user_of_another_organisation_is_refused_even_when_the_identity_provider_vouches_for_the_email()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sso = await SsoScenario.StartAsync("sqlite", defaultRole: "viewer", ct);
        using var browser = sso.NewBrowser();

        var landing = await browser.SignInAsync("/account/sso/acme", "admin@globex.example", TestOidcProvider.Password, ct);
        var me = await browser.GetAsync("/api/v1/me", ct);
        var refused = await LastAuditEntryAsync(sso, "sso-sign-in-refused", ct);
        var signedIn = await LastAuditEntryAsync(sso, "sso-signed-in", ct);

        Assert.Equal("/login?error=sso-refused", landing);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Null(browser.Cookies.GetAllCookies()["iamops.auth"]);
        Assert.Null(signedIn);
        // The same reason as for an unknown email: Acme's trail does not tell that the address is used elsewhere.
        Assert.Equal("no-account-in-organisation", refused!["after"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_user_is_created_in_the_organisation_with_the_default_role()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sso = await SsoScenario.StartAsync("sqlite", defaultRole: "contact", ct);
        using var browser = sso.NewBrowser();

        var landing = await browser.SignInAsync("/account/sso/acme", "newcomer@acme.example", TestOidcProvider.Password, ct);
        var me = await (await browser.GetAsync("/api/v1/me", ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
        using var admin = await sso.App.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var users = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/organisations/{sso.AcmeId}/users", ct);

        Assert.Equal("/", landing);
        Assert.Equal("newcomer@acme.example", me.GetProperty("email").GetString());
        Assert.Equal("Nora Newcomer", me.GetProperty("displayName").GetString());
        Assert.Equal("contact", me.GetProperty("role").GetString());
        Assert.Equal("Client", me.GetProperty("party").GetString());
        Assert.Equal(sso.AcmeId, me.GetProperty("organisationId").GetGuid());
        Assert.Contains(users.EnumerateArray(), u => u.GetProperty("email").GetString() == "newcomer@acme.example");
    }

    [Fact]
    public async Task An_unknown_user_is_refused_when_the_organisation_sets_no_default_role()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sso = await SsoScenario.StartAsync("sqlite", defaultRole: null, ct);
        using var browser = sso.NewBrowser();

        var landing = await browser.SignInAsync("/account/sso/acme", "newcomer@acme.example", TestOidcProvider.Password, ct);
        using var admin = await sso.App.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var users = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/organisations/{sso.AcmeId}/users", ct);

        Assert.Equal("/login?error=sso-refused", landing);
        Assert.DoesNotContain(users.EnumerateArray(), u => u.GetProperty("email").GetString() == "newcomer@acme.example");
    }

    [Fact]
    public async Task An_email_the_identity_provider_has_not_verified_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sso = await SsoScenario.StartAsync("sqlite", defaultRole: "viewer", ct);
        using var browser = sso.NewBrowser();

        var landing = await browser.SignInAsync("/account/sso/acme", "unverified@acme.example", TestOidcProvider.Password, ct);
        var me = await browser.GetAsync("/api/v1/me", ct);

        Assert.Equal("/login?error=sso-refused", landing);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task Sign_in_is_refused_once_the_organisation_disables_sso()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sso = await SsoScenario.StartAsync("sqlite", defaultRole: null, ct);
        using var browser = sso.NewBrowser();
        (await sso.ConfigureAsync(enabled: false, defaultRole: null, ct)).EnsureSuccessStatusCode();

        var start = await browser.GetAsync("/account/sso/acme", ct);
        var callback = await browser.GetAsync("/signin-oidc/acme?code=stolen&state=x", ct);

        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Equal("/login?error=sso", start.Headers.Location!.OriginalString);
        Assert.Equal("/login?error=sso", callback.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_session_started_before_sso_was_disabled_cannot_complete()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sso = await SsoScenario.StartAsync("sqlite", defaultRole: null, ct);
        using var browser = sso.NewBrowser();
        var toProvider = await browser.GetAsync("/account/sso/acme", ct);
        (await sso.ConfigureAsync(enabled: false, defaultRole: null, ct)).EnsureSuccessStatusCode();

        var landing = await browser.SignInAsync(toProvider.Headers.Location!.ToString(), "admin@acme.example", TestOidcProvider.Password, ct);

        Assert.Equal("/login?error=sso", landing);
        Assert.Null(browser.Cookies.GetAllCookies()["iamops.auth"]);
    }

    private static async Task<JsonNode?> LastAuditEntryAsync(SsoScenario sso, string action, CancellationToken ct)
    {
        using var admin = await sso.App.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var export = await admin.GetStringAsync("/api/v1/audit-trail/export", ct);
        return export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)
            .LastOrDefault(e => e["action"]!.GetValue<string>() == action);
    }
}
