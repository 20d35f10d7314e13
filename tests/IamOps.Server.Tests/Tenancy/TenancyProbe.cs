using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IamOps.Server.Tests.Infrastructure;

namespace IamOps.Server.Tests.Tenancy;

/// <summary>One way a route let a foreign client see, probe or change the victim's data; <c>Url</c> is one request that showed it.</summary>
internal sealed record Finding(string Route, string Role, int Status, string Reason, string? Url = null)
{
    public override string ToString() =>
        $"{Route} as {Role} → {(Status == 0 ? "after the writes" : Status.ToString(System.Globalization.CultureInfo.InvariantCulture))}: {Reason}"
        + (Url is null ? string.Empty : $" (e.g. {Url})");
}

/// <summary>Attacks every API route as every role of a foreign client (Globex) with the victim's (Acme's) ids, and
/// reports each response that shows, confirms or changes the victim's data.</summary>
internal sealed class TenancyProbe(IamOpsApp app)
{
    /// <summary>Routes that hold no tenant data, each with the reason; everything else under /api/ is attacked.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotTenantData = new Dictionary<string, string>
    {
        ["POST /api/v1/auth/token"] = "anonymous sign-in: answers only with the caller's own token, and made-up credentials would only lock accounts out",
        ["POST /api/v1/auth/refresh"] = "anonymous token refresh: answers only with the token holder's own new token",
    };

    private static readonly (string Email, string Role)[] Attackers =
    [
        (DemoUsers.GlobexAdmin, "globex admin"),
        (DemoUsers.GlobexContact, "globex contact"),
        (DemoUsers.GlobexViewer, "globex viewer"),
    ];

    /// <summary>Routes attacked by the last run, for the test to show its coverage.</summary>
    public List<ApiRoute> Attacked { get; } = [];

    /// <summary>The values only the victim's data holds (ids, names, emails, hashes…), found by the walk.</summary>
    public HashSet<string> VictimMarkers { get; private set; } = [];

    /// <summary>How many requests the attack sent.</summary>
    public int RequestsSent { get; private set; }

    public async Task<List<Finding>> RunAsync(Func<ApiRoute, bool> include, CancellationToken ct)
    {
        var provider = await app.ClientForAsync(DemoUsers.ProviderAdmin, ct);
        // The provider's view must be the database's, not a cached page from before a write.
        provider.DefaultRequestHeaders.CacheControl = new CacheControlHeaderValue { NoCache = true };
        var victim = await OrganisationOfAsync(DemoUsers.AcmeAdmin, ct);
        var organisations = new[] { victim, await OrganisationOfAsync(DemoUsers.GlobexAdmin, ct), await OrganisationOfAsync(DemoUsers.ProviderAdmin, ct) };

        var routes = ApiRoute.Discover(app.Services);
        var (data, walk) = await ApiWalk.WalkAsync(provider, routes, organisations, ct);
        var markers = data.MarkersOf(victim);
        VictimMarkers = markers;
        var victimIds = data.Owners[victim].Ids.Where(i => markers.Contains(i.Value)).DistinctBy(i => i.Value).ToList();
        victimIds.Insert(0, new FoundId(victim.ToString(), "organisations"));
        var victimValues = data.Owners[victim].PropertyValues;
        var snapshot = data.Owners[victim].Objects;
        var crossReferenced = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        var findings = new List<Finding>();
        var attackers = new List<(HttpClient Client, string Role)>();
        foreach (var (email, role) in Attackers)
        {
            attackers.Add((await app.ClientForAsync(email, ct), role));
        }

        foreach (var route in routes.Where(r => !NotTenantData.ContainsKey(r.ToString()) && include(r)))
        {
            Attacked.Add(route);
            foreach (var (client, role) in attackers)
            {
                foreach (var request in Requests(route, victim, victimIds, victimValues, markers, data.PropertyValues))
                {
                    findings.AddRange(await SendAsync(client, role, route, request, markers, ct));
                    RequestsSent++;
                }
                if (route.IsRead)
                {
                    continue;
                }

                // A write must leave the victim's data as it was, and must not copy the victim's ids into anyone else's.
                var after = await ApiWalk.ReplayAsync(provider, walk, organisations, ct);
                var now = after.Owners[victim].Objects;
                if (!now.SetEquals(snapshot))
                {
                    var changed = now.Except(snapshot).Concat(snapshot.Except(now).Select(o => "(gone) " + o)).Take(3);
                    findings.Add(new Finding(route.ToString(), role, 0, "changed the victim's data: " + string.Join(" | ", changed.Select(Shorten))));
                    snapshot = now;
                }
                var copied = after.Owners.Where(o => o.Key != victim).SelectMany(o => o.Value.Values)
                    .Where(v => markers.Contains(v) && crossReferenced.Add(v)).ToList();
                if (copied.Count > 0)
                {
                    findings.Add(new Finding(route.ToString(), role, 0,
                        "stored the victim's values in another organisation's data: " + string.Join(", ", copied.Take(5))));
                }
            }
        }
        // One line per route, role and kind of failure is enough to act on.
        return findings.DistinctBy(f => (f.Route, f.Role, f.Status, f.Reason.Split(':')[0])).ToList();
    }

    private sealed record ProbeRequest(string Url, JsonNode? Body, bool CarriesVictimValue);

    private static IEnumerable<ProbeRequest> Requests(ApiRoute route, Guid victim, List<FoundId> victimIds,
        Dictionary<string, HashSet<string>> victimValues, HashSet<string> markers, Dictionary<string, HashSet<string>> seenValues)
    {
        var body = !route.IsRead && route.JsonBodyType is { } bodyType
            ? new SampleBody(name => BodyId(name, victim, victimIds), name => KnownValue(name, seenValues, markers)).For(bodyType)
            : null;
        var query = ApiWalk.Query(route, victim, victimIds);

        if (route.RouteParameters.Count == 0)
        {
            var path = route.Path(new Dictionary<string, string>());
            if (route.IsRead)
            {
                // Unfiltered too: a list that ignores the query string must still show only the caller's data.
                yield return new ProbeRequest(path, null, false);
            }
            yield return new ProbeRequest(path + query, body, false);
            yield break;
        }

        var candidates = route.RouteParameters
            .Select(p => (p.Name, ApiWalk.Candidates(route, p.Name, victimIds, victimValues, take: 30)))
            .ToList();
        foreach (var values in ApiWalk.Combinations(candidates, cap: 60))
        {
            yield return new ProbeRequest(route.Path(values) + query, body, values.Values.Any(markers.Contains));
        }
    }

    /// <summary>For an enumeration-like text field (a role, a status: few distinct identifier-like values seen in the
    /// API), a value that is not the victim's, so that the body passes validation and reaches the tenancy check.</summary>
    private static string? KnownValue(string name, Dictionary<string, HashSet<string>> seenValues, HashSet<string> markers) =>
        seenValues.TryGetValue(name, out var values) && values.Count is > 0 and <= 10 && values.All(IsIdentifierLike)
            ? values.Where(v => !markers.Contains(v)).Order(StringComparer.Ordinal).FirstOrDefault()
            : null;

    private static bool IsIdentifierLike(string value) =>
        value.Length is > 0 and <= 40 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static string BodyId(string name, Guid victim, List<FoundId> victimIds) =>
        ApiWalk.OrganisationQueryParameters.Contains(name, StringComparer.OrdinalIgnoreCase) || name.Equals("tenantId", StringComparison.OrdinalIgnoreCase)
            ? victim.ToString()
            : ApiWalk.BestId(name, string.Empty, victimIds) ?? victim.ToString();

    private static async Task<List<Finding>> SendAsync(HttpClient client, string role, ApiRoute route, ProbeRequest request,
        HashSet<string> markers, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(new HttpMethod(route.Method), request.Url);
        var bodyText = request.Body?.ToJsonString() ?? string.Empty;
        if (request.Body is not null)
        {
            message.Content = new StringContent(bodyText, Encoding.UTF8, "application/json");
        }
        using var response = await client.SendAsync(message, ct);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(ct);
        var name = route.ToString();
        var url = request.Url.Split('?')[0] + (request.Url.Contains('?', StringComparison.Ordinal) ? " with ?clientId=… set to the victim" : string.Empty);
        var findings = new List<Finding>();

        if (status >= 500)
        {
            findings.Add(new Finding(name, role, status, "server error: a foreign id or body must be refused with a 4xx. " + Shorten(text), url));
        }
        else if (request.CarriesVictimValue && status is >= 200 and < 300)
        {
            findings.Add(new Finding(name, role, status, "accepted another organisation's id: expected 404 (or 403 for a role that may never do this)", url));
        }
        else if (request.CarriesVictimValue && status is not (400 or 403 or 404))
        {
            findings.Add(new Finding(name, role, status, "answered another organisation's id with neither 404 nor 403, which tells that it exists", url));
        }

        var leaked = Leaks(text, response.Headers.Location?.ToString() ?? string.Empty, markers);
        if (status is < 200 or >= 300)
        {
            // An error may repeat what the caller sent, nothing more.
            leaked.RemoveWhere(m => request.Url.Contains(m, StringComparison.OrdinalIgnoreCase) || bodyText.Contains(m, StringComparison.OrdinalIgnoreCase));
        }
        if (leaked.Count > 0)
        {
            findings.Add(new Finding(name, role, status, "response shows the victim's data: " + string.Join(", ", leaked.Order(StringComparer.Ordinal).Take(5)), url));
        }
        return findings;
    }

    /// <summary>Victim markers in a response: exact JSON string values, or long markers anywhere in the text.</summary>
    private static HashSet<string> Leaks(string body, string location, HashSet<string> markers)
    {
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var text = body + " " + location;
        foreach (var node in ApiWalk.ParseAll(body))
        {
            foreach (var value in Strings(node))
            {
                if (markers.Contains(value))
                {
                    found.Add(value);
                }
            }
        }
        foreach (var marker in markers.Where(m => m.Length >= 8))
        {
            if (text.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                found.Add(marker);
            }
        }
        return found;
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Strings(p.Value)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [value.GetValue<string>()],
        _ => [],
    };

    private async Task<Guid> OrganisationOfAsync(string email, CancellationToken ct)
    {
        var client = await app.ClientForAsync(email, ct);
        return (await client.GetFromJsonAsync<JsonElement>("/api/v1/me", ct)).GetProperty("organisationId").GetGuid();
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
