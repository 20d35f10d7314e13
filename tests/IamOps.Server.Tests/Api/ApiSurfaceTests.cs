using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Reflection;
using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Server.Tests.Infrastructure;
using IamOps.Server.Tests.Tenancy;
using Microsoft.AspNetCore.Routing;

namespace IamOps.Server.Tests.Api;

/// <summary>What every endpoint shares: documented in OpenAPI, bounded input, health, metrics.</summary>
public sealed class ApiSurfaceTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    [Fact]
    public async Task The_openapi_document_lists_every_api_route_of_the_app()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = app.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", ct);
        var paths = document.GetProperty("paths");

        var missing = ApiRoute.Discover(app.Services)
            .Where(r => r.Endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .Where(r => !paths.TryGetProperty(OpenApiPath(r.Template), out var item) || !item.TryGetProperty(r.Method.ToLowerInvariant(), out _))
            .Select(r => r.ToString()).ToList();
        Assert.True(missing.Count == 0, "Not in /openapi/v1.json: " + string.Join(", ", missing));
        Assert.True(paths.TryGetProperty("/api/v1/clusters/{id}", out _));
    }

    [Fact]
    public async Task Scalar_serves_the_api_reference_page()
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await app.CreateClient().GetAsync("/scalar", ct);
        var html = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("IamOps API", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_healthy(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await app.CreateClient().GetAsync(path, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task Metrics_expose_prometheus_text_with_http_request_metrics_per_route()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await app.ClientForAsync(DemoUsers.AcmeViewer, ct);
        (await client.GetAsync("/api/v1/clusters", ct)).EnsureSuccessStatusCode();

        var response = await app.CreateClient().GetAsync("/metrics", ct);
        var text = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE http_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("endpoint=\"/api/v1/clusters/\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_text_field_of_every_request_body_has_a_maximum_length()
    {
        var unbounded = ApiRoute.Discover(app.Services)
            .Select(r => r.JsonBodyType).OfType<Type>().Distinct()
            .SelectMany(t => UnboundedStrings(t, t.Name, depth: 0))
            .Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.True(unbounded.Count == 0,
            "Add [MaxLength] (or [StringLength]) so over-long input is a 400 naming the field, not a database error: " + string.Join(", ", unbounded));
    }

    private static IEnumerable<string> UnboundedStrings(Type type, string path, int depth)
    {
        if (depth > 4 || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
        {
            yield break;
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (propertyType == typeof(string))
            {
                if (property.GetCustomAttribute<MaxLengthAttribute>() is null && property.GetCustomAttribute<StringLengthAttribute>() is null
                    && property.GetCustomAttribute<AllowedValuesAttribute>() is null && property.GetCustomAttribute<RegularExpressionAttribute>() is null)
                {
                    yield return $"{path}.{property.Name}";
                }
                continue;
            }
            var element = propertyType.IsArray ? propertyType.GetElementType()
                : propertyType.IsGenericType ? propertyType.GetGenericArguments().LastOrDefault() : propertyType;
            if (element is not null && element.IsClass && element != typeof(string))
            {
                foreach (var nested in UnboundedStrings(element, $"{path}.{property.Name}", depth + 1))
                {
                    yield return nested;
                }
            }
        }
    }

    /// <summary>OpenAPI writes route parameters without their constraints: <c>{id:guid}</c> → <c>{id}</c>.</summary>
    private static string OpenApiPath(string template) => template.Length > 1 ? template.TrimEnd('/') : template;
}
