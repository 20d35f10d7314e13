using System.Text.Json;
using System.Text.Json.Nodes;

namespace IamOps.Server.Tests.Tenancy;

/// <summary>Walks every GET route of the API as one user: parameterless lists first (plain, then filtered by each
/// organisation), then routes with parameters filled with the ids found so far, twice over.</summary>
internal static class ApiWalk
{
    private const int CandidatesPerParameter = 12;

    /// <summary>Query parameters that name an organisation, set on every list to see each organisation's data.</summary>
    public static readonly string[] OrganisationQueryParameters = ["clientId", "clientOrganisationId", "organisationId", "chainId"];

    public static async Task<(TenantData Data, List<(string Url, string Kind)> Requests)> WalkAsync(
        HttpClient client, IReadOnlyList<ApiRoute> routes, IReadOnlyCollection<Guid> organisations, CancellationToken ct)
    {
        var data = new TenantData(organisations);
        var requests = new List<(string Url, string Kind)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var reads = routes.Where(r => r.Method == "GET").ToList();
        var lists = reads.Where(r => r.RouteParameters.Count == 0).ToList();

        async Task GetAsync(string url, string kind)
        {
            if (seen.Add(url))
            {
                requests.Add((url, kind));
                await IngestAsync(client, data, url, kind, ct);
            }
        }

        foreach (var route in lists)
        {
            await GetAsync(route.Path(Empty), route.Kind);
        }
        for (var round = 0; round < 2; round++)
        {
            foreach (var route in lists)
            {
                foreach (var organisation in organisations)
                {
                    await GetAsync(route.Path(Empty) + Query(route, organisation, data.Owners[organisation].Ids), route.Kind);
                }
            }
            foreach (var route in reads.Where(r => r.RouteParameters.Count > 0))
            {
                var candidates = route.RouteParameters.Select(p => (p.Name, Candidates(route, p.Name, data.AllIds, data.PropertyValues))).ToList();
                foreach (var values in Combinations(candidates, cap: 40))
                {
                    await GetAsync(route.Path(values), route.Kind);
                }
            }
        }
        return (data, requests);
    }

    /// <summary>The same GETs again, for a before/after comparison.</summary>
    public static async Task<TenantData> ReplayAsync(HttpClient client, IEnumerable<(string Url, string Kind)> requests,
        IReadOnlyCollection<Guid> organisations, CancellationToken ct)
    {
        var data = new TenantData(organisations);
        foreach (var (url, kind) in requests)
        {
            await IngestAsync(client, data, url, kind, ct);
        }
        return data;
    }

    /// <summary><c>?clientId=…&amp;chainId=…</c>: every organisation-naming parameter set to <paramref name="organisation"/>, every other
    /// Guid query parameter of the handler to the best-matching id of that organisation.</summary>
    public static string Query(ApiRoute route, Guid organisation, IReadOnlyList<FoundId> ids)
    {
        var pairs = OrganisationQueryParameters.Select(n => (n, organisation.ToString()))
            .Concat(route.GuidQueryParameters
                .Where(n => !OrganisationQueryParameters.Contains(n, StringComparer.OrdinalIgnoreCase))
                .Select(n => (n, BestId(n, string.Empty, ids) ?? organisation.ToString())));
        return "?" + string.Join('&', pairs.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"));
    }

    /// <summary>Values to try for one route parameter: ids for id-like parameters (best-matching kind first), otherwise
    /// values seen in properties of the same name, otherwise a placeholder.</summary>
    public static List<string> Candidates(ApiRoute route, string parameter, IReadOnlyList<FoundId> ids,
        IReadOnlyDictionary<string, HashSet<string>> propertyValues, int take = CandidatesPerParameter)
    {
        var type = Nullable.GetUnderlyingType(route.ParameterType(parameter)) ?? route.ParameterType(parameter);
        if (type == typeof(Guid) || IsIdName(parameter))
        {
            var kind = route.KindBefore(parameter);
            return ids.DistinctBy(i => i.Value)
                .OrderByDescending(i => Score(parameter, kind, i.Kind))
                .Take(take).Select(i => i.Value).ToList();
        }
        if (propertyValues.TryGetValue(parameter, out var seen) && seen.Count > 0)
        {
            return seen.Order(StringComparer.Ordinal).Take(3).ToList();
        }
        return [type == typeof(string) ? "probe-value" : "1"];
    }

    /// <summary>The id among <paramref name="ids"/> whose kind best matches a field or parameter name.</summary>
    public static string? BestId(string name, string kindBefore, IReadOnlyList<FoundId> ids) =>
        ids.OrderByDescending(i => Score(name, kindBefore, i.Kind)).FirstOrDefault()?.Value;

    public static IEnumerable<Dictionary<string, string>> Combinations(IReadOnlyList<(string Name, List<string> Values)> parameters, int cap)
    {
        IEnumerable<Dictionary<string, string>> result = [new Dictionary<string, string>()];
        foreach (var (name, values) in parameters)
        {
            result = result.SelectMany(r => values.Select(v => new Dictionary<string, string>(r) { [name] = v }));
        }
        return result.Take(cap);
    }

    public static bool IsIdName(string name) =>
        name.Equals("id", StringComparison.OrdinalIgnoreCase) || name.EndsWith("Id", StringComparison.Ordinal);

    private static int Score(string name, string kindBefore, string kind)
    {
        var stem = Normalise(IsIdName(name) && name.Length > 2 ? name[..^2] : kindBefore);
        var k = Normalise(kind);
        if (stem.Length == 0 || k.Length == 0)
        {
            return 0;
        }
        return k == stem ? 2 : k.EndsWith(stem, StringComparison.Ordinal) || stem.EndsWith(k, StringComparison.Ordinal) ? 1 : 0;
    }

    private static string Normalise(string s) => s.ToLowerInvariant().Replace("-", string.Empty, StringComparison.Ordinal).TrimEnd('s');

    private static readonly Dictionary<string, string> Empty = [];

    private static async Task IngestAsync(HttpClient client, TenantData data, string url, string kind, CancellationToken ct)
    {
        using var response = await client.GetAsync(url, ct);
        if (!response.IsSuccessStatusCode)
        {
            return;
        }
        foreach (var node in ParseAll(await response.Content.ReadAsStringAsync(ct)))
        {
            data.Ingest(node, kind);
        }
    }

    /// <summary>The JSON documents of a body: one, or one per line (NDJSON), or none.</summary>
    public static IEnumerable<JsonNode> ParseAll(string body)
    {
        if (TryParse(body) is { } whole)
        {
            return [whole];
        }
        return body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(TryParse).OfType<JsonNode>().ToList();
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
