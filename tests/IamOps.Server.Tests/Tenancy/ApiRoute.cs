using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace IamOps.Server.Tests.Tenancy;

/// <summary>One HTTP method of one API route, as the running app maps it (nothing is listed by hand).</summary>
internal sealed record ApiRoute(RouteEndpoint Endpoint, string Method)
{
    /// <summary>Every <c>/api/</c> route × method of the app's endpoint data source, in a stable order.</summary>
    public static IReadOnlyList<ApiRoute> Discover(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => new ApiRoute(e, m)))
            .DistinctBy(r => r.ToString())
            .OrderBy(r => r.Template, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();

    /// <summary>The route as a readable template: <c>/api/v1/clusters/{id}</c>.</summary>
    public string Template => "/" + string.Join('/', Endpoint.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
        RoutePatternSeparatorPart separator => separator.Content,
        _ => string.Empty,
    }))));

    public IReadOnlyList<RoutePatternParameterPart> RouteParameters => Endpoint.RoutePattern.Parameters;

    public bool IsRead => Method is "GET" or "HEAD";

    /// <summary>The literal segment just before a route parameter (<c>clusters</c> for <c>/clusters/{id}</c>): what kind of id it takes.</summary>
    public string KindBefore(string parameter)
    {
        string? last = null;
        foreach (var segment in Endpoint.RoutePattern.PathSegments)
        {
            foreach (var part in segment.Parts)
            {
                if (part is RoutePatternParameterPart p && p.Name == parameter)
                {
                    return last ?? string.Empty;
                }
                if (part is RoutePatternLiteralPart literal)
                {
                    last = literal.Content;
                }
            }
        }
        return last ?? string.Empty;
    }

    /// <summary>The last literal segment: the kind of resource the route lists or returns.</summary>
    public string Kind => Endpoint.RoutePattern.PathSegments
        .SelectMany(s => s.Parts).OfType<RoutePatternLiteralPart>().LastOrDefault()?.Content ?? string.Empty;

    /// <summary>The JSON body type, when the handler takes one.</summary>
    public Type? JsonBodyType => Endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is { RequestType: { } type } accepts
        && accepts.ContentTypes.Any(c => c.Contains("json", StringComparison.OrdinalIgnoreCase))
            ? type
            : null;

    /// <summary>Guid-typed handler parameters bound from the query string (<c>clientId</c>, <c>chainId</c>, …).</summary>
    public IEnumerable<string> GuidQueryParameters =>
        (Endpoint.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [])
            .Where(p => (Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType) == typeof(Guid))
            .Where(p => p.GetCustomAttribute<FromServicesAttribute>() is null && p.GetCustomAttribute<FromBodyAttribute>() is null)
            .Where(p => RouteParameters.All(r => !string.Equals(r.Name, p.Name, StringComparison.OrdinalIgnoreCase)))
            .Select(p => p.Name!);

    /// <summary>The handler's declared type of a route parameter (Guid, long, string…).</summary>
    public Type ParameterType(string name) =>
        Endpoint.Metadata.GetMetadata<MethodInfo>()?.GetParameters()
            .FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.ParameterType
        ?? (RouteParameters.First(p => p.Name == name).ParameterPolicies.Any(p => p.Content == "guid") ? typeof(Guid) : typeof(string));

    /// <summary>The path with route parameters replaced by <paramref name="values"/>.</summary>
    public string Path(IReadOnlyDictionary<string, string> values) =>
        "/" + string.Join('/', Endpoint.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => values.TryGetValue(parameter.Name, out var v) ? Uri.EscapeDataString(v) : string.Empty,
            RoutePatternSeparatorPart separator => separator.Content,
            _ => string.Empty,
        })))).TrimEnd('/');

    public override string ToString() => $"{Method} {Template}";
}
