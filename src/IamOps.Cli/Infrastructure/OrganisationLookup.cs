namespace IamOps.Cli.Infrastructure;

/// <summary>Turns an organisation given by id or slug into its id.</summary>
public static class OrganisationLookup
{
    public static async Task<Guid?> ResolveAsync(ApiClient api, string? idOrSlug, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(idOrSlug))
        {
            return null;
        }
        if (Guid.TryParse(idOrSlug, out var id))
        {
            return id;
        }
        var organisations = await api.GetAsync("api/v1/organisations", ct);
        var match = organisations.Items().FirstOrDefault(o =>
            string.Equals(o.Text("slug"), idOrSlug.Trim(), StringComparison.OrdinalIgnoreCase));
        return match is not null && Guid.TryParse(match.Text("id"), out var found)
            ? found
            : throw new CliException(ExitCodes.Failure, $"No organisation with slug '{idOrSlug}' is visible to you: `iamops organisations list` shows the ones that are.");
    }

    /// <summary>Organisation names by id, to show names rather than ids in tables.</summary>
    public static async Task<Func<string, string>> NamesAsync(ApiClient api, CancellationToken ct)
    {
        var names = (await api.GetAsync("api/v1/organisations", ct)).Items()
            .Where(o => o.Text("id").Length > 0)
            .ToDictionary(o => o.Text("id"), o => o.Text("name"), StringComparer.OrdinalIgnoreCase);
        return id => names.TryGetValue(id, out var name) && name.Length > 0 ? name : id;
    }

    /// <summary>The organisation's name followed by its id, or the id alone when the name is unknown.</summary>
    public static string NameAndId(Func<string, string> names, string id)
    {
        ArgumentNullException.ThrowIfNull(names);
        var name = names(id);
        return name == id ? id : $"{name} ({id})";
    }
}
