using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Server.Tests.Infrastructure;
using IamOps.Server.Tests.Raci;

namespace IamOps.Server.Tests.QuoteRequests;

public sealed class QuoteRequestTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    public static TheoryData<string> Providers => TestDatabases.Providers();

    [Theory, MemberData(nameof(Providers))]
    public async Task A_quote_request_goes_from_requested_to_quoted_to_accepted_by_the_client_admin(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var own = IamOpsApp.On(provider);
        var contact = await own.ClientForAsync(DemoUsers.AcmeContact, ct);
        var admin = await own.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var operatorClient = await own.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var manager = await own.ClientForAsync(DemoUsers.ProviderManager, ct);

        var created = await contact.PostAsJsonAsync("/api/v1/quote-requests", new { title = "SAML broker", description = "Add our ADFS as IdP." }, ct);
        var id = (await created.JsonAsync(ct)).GetProperty("id").GetGuid();
        var acceptTooEarly = await admin.PostAsJsonAsync($"/api/v1/quote-requests/{id}/accept", new { }, ct);
        var early = await acceptTooEarly.JsonAsync(ct);
        var quoteByOperator = await operatorClient.PostAsJsonAsync($"/api/v1/quote-requests/{id}/quote", new { amount = 1200m, currency = "EUR", text = "2 days" }, ct);
        var quoted = await manager.PostAsJsonAsync($"/api/v1/quote-requests/{id}/quote", new { amount = 1200.50m, currency = "EUR", text = "2 days of work" }, ct);
        var quoteTwice = await manager.PostAsJsonAsync($"/api/v1/quote-requests/{id}/quote", new { amount = 1m, currency = "EUR", text = "oops" }, ct);
        var acceptByContact = await contact.PostAsJsonAsync($"/api/v1/quote-requests/{id}/accept", new { }, ct);
        var accepted = await admin.PostAsJsonAsync($"/api/v1/quote-requests/{id}/accept", new { reason = "Go." }, ct);
        var refuseAfter = await admin.PostAsJsonAsync($"/api/v1/quote-requests/{id}/refuse", new { reason = "changed my mind" }, ct);
        var final = await contact.GetFromJsonAsync<JsonElement>($"/api/v1/quote-requests/{id}", ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, acceptTooEarly.StatusCode);
        Assert.Equal("requested", early.GetProperty("state").GetString());
        Assert.Equal(["quote"], early.GetProperty("allowed").Strings());
        Assert.Equal(HttpStatusCode.Forbidden, quoteByOperator.StatusCode);
        Assert.Equal(HttpStatusCode.OK, quoted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, quoteTwice.StatusCode);
        Assert.Equal(["accept", "refuse"], (await quoteTwice.JsonAsync(ct)).GetProperty("allowed").Strings());
        Assert.Equal(HttpStatusCode.Forbidden, acceptByContact.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, refuseAfter.StatusCode);
        Assert.Empty((await refuseAfter.JsonAsync(ct)).GetProperty("allowed").Strings());
        Assert.Equal("accepted", final.GetProperty("status").GetString());
        Assert.Equal(1200.50m, final.GetProperty("quotedAmount").GetDecimal());
        Assert.Equal("EUR", final.GetProperty("currency").GetString());
        Assert.Equal("2 days of work", final.GetProperty("quoteText").GetString());
        Assert.Equal("Go.", final.GetProperty("decisionReason").GetString());
        Assert.Equal(DemoUsers.AcmeContact, final.GetProperty("requestedBy").GetString());
    }

    [Fact]
    public async Task Refusing_a_quote_needs_a_reason()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await app.ClientForAsync(DemoUsers.GlobexAdmin, ct);
        var manager = await app.ClientForAsync(DemoUsers.ProviderManager, ct);
        var id = (await (await admin.PostAsJsonAsync("/api/v1/quote-requests", new { title = "Custom SPI", description = "Write a user storage SPI." }, ct))
            .JsonAsync(ct)).GetProperty("id").GetGuid();
        (await manager.PostAsJsonAsync($"/api/v1/quote-requests/{id}/quote", new { amount = 9000m, currency = "EUR", text = "3 weeks" }, ct)).EnsureSuccessStatusCode();

        var noReason = await admin.PostAsJsonAsync($"/api/v1/quote-requests/{id}/refuse", new { }, ct);
        var refused = await admin.PostAsJsonAsync($"/api/v1/quote-requests/{id}/refuse", new { reason = "Too expensive." }, ct);

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.JsonAsync(ct)).GetProperty("errors").TryGetProperty("reason", out _));
        var body = await refused.JsonAsync(ct);
        Assert.Equal("refused", body.GetProperty("status").GetString());
        Assert.Equal("Too expensive.", body.GetProperty("decisionReason").GetString());
    }

    [Theory]
    [InlineData(100, "euro", "text", "currency")]
    [InlineData(0, "EUR", "text", "amount")]
    [InlineData(100, "EUR", "", "text")]
    public async Task A_quote_with_bad_fields_is_a_validation_problem_naming_the_field(decimal amount, string currency, string text, string field)
    {
        var ct = TestContext.Current.CancellationToken;
        var contact = await app.ClientForAsync(DemoUsers.AcmeContact, ct);
        var manager = await app.ClientForAsync(DemoUsers.ProviderManager, ct);
        var id = (await (await contact.PostAsJsonAsync("/api/v1/quote-requests", new { title = "x", description = "y" }, ct)).JsonAsync(ct)).GetProperty("id").GetGuid();

        var response = await manager.PostAsJsonAsync($"/api/v1/quote-requests/{id}/quote", new { amount, currency, text }, ct);
        var problem = await response.JsonAsync(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.EnumerateObject().Any(e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase)), problem.ToString());
    }

    [Fact]
    public async Task Quote_requests_are_paged_and_a_client_sees_only_its_own()
    {
        var ct = TestContext.Current.CancellationToken;
        var acme = await app.ClientForAsync(DemoUsers.AcmeContact, ct);
        var globex = await app.ClientForAsync(DemoUsers.GlobexContact, ct);
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var acmeId = await acme.OwnOrganisationIdAsync(ct);
        var mine = (await (await acme.PostAsJsonAsync("/api/v1/quote-requests", new { title = "Acme private", description = "d" }, ct)).JsonAsync(ct)).GetProperty("id").GetGuid();

        var globexList = await globex.GetFromJsonAsync<JsonElement>("/api/v1/quote-requests?pageSize=200", ct);
        var globexRead = await globex.GetAsync($"/api/v1/quote-requests/{mine}", ct);
        var providerPage = await provider.GetFromJsonAsync<JsonElement>($"/api/v1/quote-requests?clientOrganisationId={acmeId}&pageSize=1", ct);
        var badPage = await provider.GetAsync("/api/v1/quote-requests?page=0", ct);

        Assert.DoesNotContain(globexList.GetProperty("items").EnumerateArray(), q => q.GetProperty("id").GetGuid() == mine);
        Assert.Equal(HttpStatusCode.NotFound, globexRead.StatusCode);
        Assert.Single(providerPage.GetProperty("items").EnumerateArray());
        Assert.Equal(1, providerPage.GetProperty("pageSize").GetInt32());
        Assert.True(providerPage.GetProperty("total").GetInt32() >= 1);
        Assert.All(providerPage.GetProperty("items").EnumerateArray(), q => Assert.Equal(acmeId, q.GetProperty("clientOrganisationId").GetGuid()));
        Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);
    }

    [Fact]
    public async Task The_list_filters_by_status_written_as_in_the_JSON_or_as_the_member_name()
    {
        var ct = TestContext.Current.CancellationToken;
        var contact = await app.ClientForAsync(DemoUsers.GlobexContact, ct);
        var manager = await app.ClientForAsync(DemoUsers.ProviderManager, ct);
        var id = (await (await contact.PostAsJsonAsync("/api/v1/quote-requests", new { title = "Filter me", description = "d" }, ct)).JsonAsync(ct)).GetProperty("id").GetGuid();
        (await manager.PostAsJsonAsync($"/api/v1/quote-requests/{id}/quote", new { amount = 10m, currency = "EUR", text = "t" }, ct)).EnsureSuccessStatusCode();

        var lower = await contact.GetFromJsonAsync<JsonElement>("/api/v1/quote-requests?status=quoted&pageSize=200", ct);
        var member = await contact.GetFromJsonAsync<JsonElement>("/api/v1/quote-requests?status=Quoted&pageSize=200", ct);
        var requested = await contact.GetFromJsonAsync<JsonElement>("/api/v1/quote-requests?status=requested&pageSize=200", ct);
        var bogus = await contact.GetAsync("/api/v1/quote-requests?status=paid", ct);

        Assert.Contains(lower.GetProperty("items").EnumerateArray(), q => q.GetProperty("id").GetGuid() == id);
        Assert.All(lower.GetProperty("items").EnumerateArray(), q => Assert.Equal("quoted", q.GetProperty("status").GetString()));
        Assert.Equal(lower.GetProperty("total").GetInt32(), member.GetProperty("total").GetInt32());
        Assert.DoesNotContain(requested.GetProperty("items").EnumerateArray(), q => q.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.BadRequest, bogus.StatusCode);
        Assert.Contains("requested, quoted, accepted, refused", (await bogus.JsonAsync(ct)).GetProperty("errors").GetProperty("status")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_viewer_may_not_ask_for_a_quote_and_the_provider_must_name_the_client()
    {
        var ct = TestContext.Current.CancellationToken;
        var viewer = await app.ClientForAsync(DemoUsers.AcmeViewer, ct);
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);

        var byViewer = await viewer.PostAsJsonAsync("/api/v1/quote-requests", new { title = "t", description = "d" }, ct);
        var unnamed = await provider.PostAsJsonAsync("/api/v1/quote-requests", new { title = "t", description = "d" }, ct);

        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
    }
}
