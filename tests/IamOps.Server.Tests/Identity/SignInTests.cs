using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Server.Tests.Infrastructure;

namespace IamOps.Server.Tests.Identity;

/// <summary>Local accounts: password sign-in with lockout, bearer token refresh, personal API token revocation.</summary>
public sealed class SignInTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    private const string Password = "Correct-horse-2026";

    [Fact]
    public async Task The_fifth_wrong_password_locks_the_account_and_the_token_endpoint_answers_423_even_to_the_right_one()
    {
        var ct = TestContext.Current.CancellationToken;
        var email = await CreateAcmeUserAsync(ct);
        var client = app.CreateClient();

        var attempts = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            attempts.Add((await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = "Wrong-password-" + i }, ct)).StatusCode);
        }
        var locked = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = Password }, ct);
        var problem = await locked.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), (HttpStatusCode)423], attempts);
        Assert.Equal((HttpStatusCode)423, locked.StatusCode);
        Assert.Equal("Account locked", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Four_wrong_passwords_do_not_lock_and_a_success_resets_the_count()
    {
        var ct = TestContext.Current.CancellationToken;
        var email = await CreateAcmeUserAsync(ct);
        var client = app.CreateClient();

        for (var i = 0; i < 4; i++)
        {
            await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = "Wrong-password-" + i }, ct);
        }
        var success = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = Password }, ct);
        var fifth = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = "Wrong-password-5" }, ct);
        var again = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = Password }, ct);

        Assert.Equal(HttpStatusCode.OK, success.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, fifth.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task An_expired_access_token_is_refused_and_the_refresh_token_gets_a_working_one()
    {
        var ct = TestContext.Current.CancellationToken;
        var email = await CreateAcmeUserAsync(ct);
        var client = app.CreateClient();
        var tokens = await (await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = Password }, ct))
            .Content.ReadFromJsonAsync<JsonElement>(ct);
        var access = tokens.GetProperty("accessToken").GetString()!;
        var fresh = await MeStatusAsync(access, ct);

        app.Clock.Advance(TimeSpan.FromMinutes(16));
        var expired = await MeStatusAsync(access, ct);
        var refreshed = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() }, ct);
        var newAccess = (await refreshed.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accessToken").GetString()!;

        Assert.Equal(HttpStatusCode.OK, fresh);
        Assert.Equal(HttpStatusCode.Unauthorized, expired);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.NotEqual(access, newAccess);
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(newAccess, ct));
    }

    [Fact]
    public async Task A_forged_refresh_token_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "CfDJ8-not-a-real-token" }, ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_revoked_personal_api_token_is_refused_at_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var email = await CreateAcmeUserAsync(ct);
        var owner = app.CreateClient();
        var tokens = await (await owner.PostAsJsonAsync("/api/v1/auth/token", new { email, password = Password }, ct))
            .Content.ReadFromJsonAsync<JsonElement>(ct);
        owner.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        var created = await (await owner.PostAsJsonAsync("/api/v1/me/tokens", new { name = "ci" }, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
        var pat = created.GetProperty("token").GetString()!;
        // The first use puts the token in the validation cache; revocation must not wait for it to expire.
        var before = await MeStatusAsync(pat, ct);

        var revoked = await owner.DeleteAsync($"/api/v1/me/tokens/{created.GetProperty("id").GetGuid()}", ct);
        var after = await MeStatusAsync(pat, ct);

        Assert.StartsWith("iamops_pat_", pat, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, before);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after);
    }

    private async Task<HttpStatusCode> MeStatusAsync(string bearer, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await app.CreateClient().SendAsync(request, ct);
        return response.StatusCode;
    }

    /// <summary>A fresh Acme user, so that lockout counts of one test never leak into another.</summary>
    private async Task<string> CreateAcmeUserAsync(CancellationToken ct)
    {
        var admin = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var acmeId = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/me", ct)).GetProperty("organisationId").GetGuid();
        var email = $"user-{Guid.NewGuid():N}@acme.example";
        var created = await admin.PostAsJsonAsync($"/api/v1/organisations/{acmeId}/users",
            new { email, displayName = "Test user", role = "viewer", password = Password }, ct);
        created.EnsureSuccessStatusCode();
        return email;
    }
}
