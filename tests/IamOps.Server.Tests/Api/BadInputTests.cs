using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IamOps.Server.Tests.Infrastructure;

namespace IamOps.Server.Tests.Api;

/// <summary>Bad input on existing endpoints answers 400 ProblemDetails whose <c>errors</c> names the field as it is
/// spelt in JSON; wrong party 403; another client's id 404.</summary>
public sealed class BadInputTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    private static string ValidCluster(Guid clientId, string name = "bad-input", string environment = "\"Production\"", string httpPort = "8080") =>
        $$"""
        {"clientOrganisationId":"{{clientId}}","name":"{{name}}","environment":{{environment}},"keycloakVersion":"26.0.7",
         "hostingRegion":"eu-west-3","postgresInstance":"pg:5432","postgresDatabase":"keycloak",
         "nodes":[{"host":"kc-1","httpPort":{{httpPort}},"managementPort":9000}]}
        """;

    [Fact]
    public async Task Malformed_json_is_a_400_naming_where_it_broke()
    {
        var problem = await PostClusterAsync("""{"name": "x", "environment": """, HttpStatusCode.BadRequest);

        Assert.True(Errors(problem).TryGetProperty("environment", out _), problem.ToString());
        Assert.Contains("not well-formed JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_names_the_nested_field_and_what_it_expects()
    {
        var problem = await PostClusterAsync(ValidCluster(await AcmeIdAsync(), httpPort: "\"eighty\""), HttpStatusCode.BadRequest);

        var messages = Errors(problem).GetProperty("nodes[0].httpPort");
        Assert.Contains("whole number", messages[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("IamOps.Server", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_enum_value_names_the_field_and_lists_the_allowed_values()
    {
        var problem = await PostClusterAsync(ValidCluster(await AcmeIdAsync(), environment: "\"Moon\""), HttpStatusCode.BadRequest);

        var message = Errors(problem).GetProperty("environment")[0].GetString();
        Assert.Contains("Production, Staging, Development", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_id_or_enum_is_named_instead_of_defaulting_silently()
    {
        var problem = await PostClusterAsync("""{"name":"x","keycloakVersion":"26","hostingRegion":"r","postgresInstance":"p","postgresDatabase":"d","nodes":[{"host":"h","httpPort":1,"managementPort":2}]}""",
            HttpStatusCode.BadRequest);

        var errors = Errors(problem);
        Assert.True(errors.TryGetProperty("clientOrganisationId", out _), problem.ToString());
        Assert.True(errors.TryGetProperty("environment", out _), problem.ToString());
    }

    [Fact]
    public async Task Every_missing_text_field_is_named_at_once_in_camel_case()
    {
        var problem = await PostClusterAsync($$"""{"clientOrganisationId":"{{await AcmeIdAsync()}}","environment":"Staging"}""", HttpStatusCode.BadRequest);

        var names = Errors(problem).EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["hostingRegion", "keycloakVersion", "name", "nodes", "postgresDatabase", "postgresInstance"], names);
    }

    [Fact]
    public async Task Over_long_strings_are_named_including_nested_ones()
    {
        var body = ValidCluster(await AcmeIdAsync(), name: new string('n', 101)).Replace("\"kc-1\"", $"\"{new string('h', 254)}\"", StringComparison.Ordinal);

        var problem = await PostClusterAsync(body, HttpStatusCode.BadRequest);

        var errors = Errors(problem);
        Assert.True(errors.TryGetProperty("name", out _), problem.ToString());
        Assert.True(errors.TryGetProperty("nodes[0].host", out _), problem.ToString());
    }

    [Fact]
    public async Task A_body_that_is_not_an_object_or_is_absent_names_the_body()
    {
        var array = await PostClusterAsync("[]", HttpStatusCode.BadRequest);
        var empty = await PostClusterAsync("", HttpStatusCode.BadRequest);

        Assert.Contains("JSON object", Errors(array).GetProperty("body")[0].GetString(), StringComparison.Ordinal);
        Assert.True(Errors(empty).TryGetProperty("body", out _), empty.ToString());
    }

    [Fact]
    public async Task A_query_parameter_of_the_wrong_type_is_named()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);

        var response = await provider.GetAsync("/api/v1/clusters?page=two", ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("whole number", Errors(problem).GetProperty("page")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_wrong_party_gets_403_problem_details_even_with_a_valid_body()
    {
        var ct = TestContext.Current.CancellationToken;
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);

        var response = await acme.PostAsync("/api/v1/clusters", Json(ValidCluster(await AcmeIdAsync())), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Another_clients_id_is_404_with_the_same_words_as_an_unknown_one()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var globex = await app.ClientForAsync(DemoUsers.GlobexViewer, ct);
        var page = await provider.GetFromJsonAsync<JsonElement>($"/api/v1/clusters?clientId={await AcmeIdAsync()}", ct);
        var acmeCluster = page.GetProperty("items")[0].GetProperty("id").GetString();

        var foreign = await globex.GetAsync($"/api/v1/clusters/{acmeCluster}", ct);
        var unknown = await globex.GetAsync($"/api/v1/clusters/{Guid.CreateVersion7()}", ct);
        var foreignProblem = await foreign.Content.ReadFromJsonAsync<JsonElement>(ct);
        var unknownProblem = await unknown.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(unknownProblem.GetProperty("detail").GetString(), foreignProblem.GetProperty("detail").GetString());
        Assert.DoesNotContain(acmeCluster!, foreignProblem.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await app.ClientForAsync(DemoUsers.AcmeViewer, ct);

        var response = await client.GetAsync("/api/v1/no-such-thing", ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var put = await client.PutAsync("/api/v1/no-such-thing/at/all", Json("{}"), ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.True(problem.TryGetProperty("traceId", out _));
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
    }

    private async Task<JsonElement> PostClusterAsync(string body, HttpStatusCode expected)
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var response = await provider.PostAsync("/api/v1/clusters", Json(body), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {problem}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return problem;
    }

    private static JsonElement Errors(JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? errors : throw new Xunit.Sdk.XunitException($"No 'errors' in {problem}");

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<Guid> AcmeIdAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var acme = await app.ClientForAsync(DemoUsers.AcmeViewer, ct);
        return (await acme.GetFromJsonAsync<JsonElement>("/api/v1/me", ct)).GetProperty("organisationId").GetGuid();
    }
}
