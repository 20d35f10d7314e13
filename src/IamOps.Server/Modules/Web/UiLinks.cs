namespace IamOps.Server.Modules.Web;

/// <summary>Where the UI shows what an API path names (notifications carry API paths).</summary>
public static class UiLinks
{
    private static readonly (string Api, string Page)[] Prefixes =
    [
        ("/api/v1/interventions/", "/interventions/"),
        ("/api/v1/quote-requests/", "/quotes/"),
        ("/api/v1/clusters/", "/clusters/"),
        ("/api/v1/contracts/", "/contracts/"),
    ];

    /// <summary>The page of the thing an API path names, or null when no page shows it.</summary>
    public static string? FromApi(string? apiPath)
    {
        if (string.IsNullOrEmpty(apiPath))
        {
            return null;
        }
        // Drift and inventory notices name a resource under a cluster: the cluster's configuration or inventory page shows it.
        var parts = apiPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts is ["api", "v1", "clusters", var cluster, "configuration" or "inventory", ..] && Guid.TryParse(cluster, out var clusterId))
        {
            return $"/clusters/{clusterId}/{parts[4]}";
        }
        foreach (var (api, page) in Prefixes)
        {
            if (apiPath.StartsWith(api, StringComparison.Ordinal) && Guid.TryParse(apiPath[api.Length..], out var id))
            {
                return page + id;
            }
        }
        return null;
    }
}
