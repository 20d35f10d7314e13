using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using IamOps.Server.Data;
using IamOps.Server.Modules.Identity.Sso;
using IamOps.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IamOps.Server.Tests.Identity;

/// <summary>GET/PUT /api/v1/organisations/{id}/sso: who may, what is validated, and that the secret stays secret.</summary>
public sealed class SsoSettingsTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    private const string Secret = "very-secret-client-secret-7Qx9";

    public static TheoryData<string> Providers => TestDatabases.Providers();

    [Theory, MemberData(nameof(Providers))]
    public async Task The_client_secret_is_stored_encrypted_and_never_returned_nor_audited(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var own = IamOpsApp.On(provider);
        var admin = await own.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var acmeId = await OrganisationIdAsync(admin, ct);

        var put = await admin.PutAsJsonAsync($"/api/v1/organisations/{acmeId}/sso", Settings(clientSecret: Secret), ct);
        var putBody = await put.Content.ReadAsStringAsync(ct);
        var getBody = await admin.GetStringAsync($"/api/v1/organisations/{acmeId}/sso", ct);
        var audit = await admin.GetStringAsync("/api/v1/audit-trail/export", ct);
        var stored = await RawSecretAsync(own, "acme", ct);
        var protector = own.Services.GetRequiredService<SsoSecretProtector>();

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.DoesNotContain(Secret, putBody, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, getBody, StringComparison.Ordinal);
        Assert.True(JsonDocument.Parse(getBody).RootElement.GetProperty("hasClientSecret").GetBoolean());
        Assert.DoesNotContain(Secret, audit, StringComparison.Ordinal);
        Assert.Contains("[redacted]", audit, StringComparison.Ordinal);
        Assert.NotNull(stored);
        Assert.DoesNotContain(Secret, stored, StringComparison.Ordinal);
        Assert.Equal(Secret, protector.Unprotect(acmeId, stored));
        // Bound to the organisation: the ciphertext copied onto another organisation does not decrypt.
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(Guid.NewGuid(), stored));
    }

    [Fact]
    public async Task Settings_read_back_with_the_urls_to_register_at_the_identity_provider()
    {
        var ct = TestContext.Current.CancellationToken;
        var (admin, orgId, slug) = await NewOrganisationAsync(ct);

        await admin.PutAsJsonAsync($"/api/v1/organisations/{orgId}/sso", Settings(defaultRole: "contact"), ct);
        var settings = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/organisations/{orgId}/sso", ct);

        Assert.True(settings.GetProperty("enabled").GetBoolean());
        Assert.Equal("https://login.example.com/realms/acme", settings.GetProperty("authority").GetString());
        Assert.Equal("iamops", settings.GetProperty("clientId").GetString());
        Assert.Equal("contact", settings.GetProperty("defaultRole").GetString());
        Assert.False(settings.GetProperty("hasClientSecret").GetBoolean());
        Assert.EndsWith($"/signin-oidc/{slug}", settings.GetProperty("redirectUri").GetString(), StringComparison.Ordinal);
        Assert.EndsWith($"/account/sso/{slug}", settings.GetProperty("signInUrl").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_omitted_secret_is_kept_and_an_empty_one_removes_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var (admin, orgId, _) = await NewOrganisationAsync(ct);
        var url = $"/api/v1/organisations/{orgId}/sso";

        await admin.PutAsJsonAsync(url, Settings(clientSecret: Secret), ct);
        var kept = await (await admin.PutAsJsonAsync(url, Settings(clientSecret: null), ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
        var removed = await (await admin.PutAsJsonAsync(url, Settings(clientSecret: ""), ct)).Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.True(kept.GetProperty("hasClientSecret").GetBoolean());
        Assert.False(removed.GetProperty("hasClientSecret").GetBoolean());
    }

    [Theory]
    [InlineData("http://login.example.com", "iamops", null, "authority")]
    [InlineData("login.example.com/realms/acme", "iamops", null, "authority")]
    [InlineData("ftp://login.example.com", "iamops", null, "authority")]
    [InlineData(null, "iamops", null, "authority")]
    [InlineData("https://login.example.com", "  ", null, "clientId")]
    [InlineData("https://login.example.com", "iamops", "operator", "defaultRole")]
    public async Task Invalid_settings_are_refused_naming_the_field(string? authority, string clientId, string? defaultRole, string field)
    {
        var ct = TestContext.Current.CancellationToken;
        var (admin, orgId, _) = await NewOrganisationAsync(ct);

        var response = await admin.PutAsJsonAsync($"/api/v1/organisations/{orgId}/sso",
            new { enabled = true, authority, clientId, defaultRole }, ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var settings = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/organisations/{orgId}/sso", ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.False(settings.GetProperty("enabled").GetBoolean());
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/realms/test")]
    [InlineData("http://localhost:8080")]
    public async Task Plain_http_is_accepted_for_a_loopback_identity_provider(string authority)
    {
        var ct = TestContext.Current.CancellationToken;
        var (admin, orgId, _) = await NewOrganisationAsync(ct);

        var response = await admin.PutAsJsonAsync($"/api/v1/organisations/{orgId}/sso",
            new { enabled = true, authority, clientId = "iamops" }, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(DemoUsers.AcmeAdmin, HttpStatusCode.OK)]
    [InlineData(DemoUsers.ProviderAdmin, HttpStatusCode.OK)]
    [InlineData(DemoUsers.AcmeContact, HttpStatusCode.Forbidden)]
    [InlineData(DemoUsers.AcmeViewer, HttpStatusCode.Forbidden)]
    [InlineData(DemoUsers.ProviderManager, HttpStatusCode.Forbidden)]
    [InlineData(DemoUsers.ProviderOperator, HttpStatusCode.Forbidden)]
    [InlineData(DemoUsers.GlobexAdmin, HttpStatusCode.NotFound)]
    public async Task Only_the_organisations_administrators_and_provider_administrators_see_its_sso(string user, HttpStatusCode expected)
    {
        var ct = TestContext.Current.CancellationToken;
        var acmeId = await OrganisationIdAsync(await app.ClientForAsync(DemoUsers.AcmeAdmin, ct), ct);
        var client = await app.ClientForAsync(user, ct);

        var response = await client.GetAsync($"/api/v1/organisations/{acmeId}/sso", ct);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData(DemoUsers.AcmeContact, HttpStatusCode.Forbidden)]
    [InlineData(DemoUsers.ProviderManager, HttpStatusCode.Forbidden)]
    [InlineData(DemoUsers.GlobexAdmin, HttpStatusCode.NotFound)]
    public async Task Others_cannot_change_an_organisations_sso(string user, HttpStatusCode expected)
    {
        var ct = TestContext.Current.CancellationToken;
        var acmeId = await OrganisationIdAsync(await app.ClientForAsync(DemoUsers.AcmeAdmin, ct), ct);
        var client = await app.ClientForAsync(user, ct);

        var response = await client.PutAsJsonAsync($"/api/v1/organisations/{acmeId}/sso", Settings(), ct);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_organisation_or_one_without_sso_sends_the_browser_back_to_the_login_page()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, _, slug) = await NewOrganisationAsync(ct);
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var unknown = await browser.GetAsync("/account/sso/no-such-organisation", ct);
        var notConfigured = await browser.GetAsync($"/account/sso/{slug}", ct);

        Assert.Equal(HttpStatusCode.Redirect, unknown.StatusCode);
        Assert.Equal("/login?error=sso", unknown.Headers.Location!.OriginalString);
        Assert.Equal("/login?error=sso", notConfigured.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_unreachable_identity_provider_sends_the_browser_back_with_a_message_not_an_error_page()
    {
        var ct = TestContext.Current.CancellationToken;
        var (admin, orgId, slug) = await NewOrganisationAsync(ct);
        // Nothing listens on the discard port of the loopback host.
        await admin.PutAsJsonAsync($"/api/v1/organisations/{orgId}/sso",
            new { enabled = true, authority = "http://127.0.0.1:9/realms/x", clientId = "iamops" }, ct);
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await browser.GetAsync($"/account/sso/{slug}", ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?error=sso-unavailable", response.Headers.Location!.OriginalString);
    }

    private static object Settings(string? clientSecret = null, string? defaultRole = null) => new
    {
        enabled = true,
        authority = "https://login.example.com/realms/acme",
        clientId = "iamops",
        clientSecret,
        defaultRole,
    };

    private static async Task<Guid> OrganisationIdAsync(HttpClient client, CancellationToken ct) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/me", ct)).GetProperty("organisationId").GetGuid();

    /// <summary>A new client organisation, managed by the provider administrator, so each test has its own settings.</summary>
    private async Task<(HttpClient Admin, Guid Id, string Slug)> NewOrganisationAsync(CancellationToken ct)
    {
        var admin = await app.ClientForAsync(DemoUsers.ProviderAdmin, ct);
        var slug = $"org-{Guid.NewGuid():N}"[..20];
        var created = await admin.PostAsJsonAsync("/api/v1/organisations", new { name = "Test " + slug, slug }, ct);
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        return (admin, id, slug);
    }

    private static async Task<string?> RawSecretAsync(IamOpsApp app, string slug, CancellationToken ct)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IamOpsDb>();
        return await db.Database
            .SqlQuery<string>($"""SELECT "Sso_ProtectedClientSecret" AS "Value" FROM "Organisations" WHERE "Slug" = {slug}""")
            .SingleAsync(ct);
    }
}
