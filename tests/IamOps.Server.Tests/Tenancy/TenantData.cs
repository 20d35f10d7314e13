using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IamOps.Server.Tests.Tenancy;

/// <summary>A GUID found in an <c>id</c> or <c>…Id</c> property, with the kind of resource it names.</summary>
internal sealed record FoundId(string Value, string Kind);

/// <summary>What the API shows of one organisation: every string value of the objects it owns, the objects
/// themselves (for before/after comparison), the ids in them and the values of each property.</summary>
internal sealed class OwnerData
{
    public HashSet<string> Values { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> Objects { get; } = new(StringComparer.Ordinal);

    public List<FoundId> Ids { get; } = [];

    public Dictionary<string, HashSet<string>> PropertyValues { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Everything a walk of the API returned, sorted by the organisation that owns it. An object is owned by
/// the organisation named by its <c>clientOrganisationId</c>, <c>organisationId</c> or <c>chainId</c> (or its own
/// <c>id</c> for the organisation itself); nested objects belong to their owner's owner.</summary>
internal sealed class TenantData(IReadOnlyCollection<Guid> organisations)
{
    private static readonly string[] OwnerProperties = ["clientOrganisationId", "organisationId", "chainId"];

    public Dictionary<Guid, OwnerData> Owners { get; } = organisations.ToDictionary(o => o, _ => new OwnerData());

    /// <summary>Every id seen, whoever owns it: what the walk fills route parameters with.</summary>
    public List<FoundId> AllIds { get; } = [];

    /// <summary>Every scalar value seen per property name, whoever owns it (for string route parameters like <c>{key}</c>).</summary>
    public Dictionary<string, HashSet<string>> PropertyValues { get; } = new(StringComparer.OrdinalIgnoreCase);

    public void Ingest(JsonNode? node, string kind) => Ingest(node, kind, inherited: null);

    /// <summary>Values only <paramref name="victim"/>'s data holds: present in its objects, absent from every other
    /// organisation's. Dates, numbers and very short words are not distinctive enough to count.</summary>
    public HashSet<string> MarkersOf(Guid victim)
    {
        var others = Owners.Where(o => o.Key != victim).SelectMany(o => o.Value.Values).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Owners[victim].Values
            .Where(v => v.Length >= 3 && !others.Contains(v) && !LooksLikeDateOrNumber(v))
            .Append(victim.ToString())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    private void Ingest(JsonNode? node, string kind, Guid? inherited)
    {
        switch (node)
        {
            case JsonObject obj:
                var owner = inherited ?? OwnerOf(obj);
                if (owner is { } top && inherited is null)
                {
                    Owners[top].Objects.Add(obj.ToJsonString());
                }
                foreach (var (name, value) in obj)
                {
                    if (value is JsonValue scalar)
                    {
                        Record(owner, name, scalar, kind);
                    }
                    else
                    {
                        Ingest(value, kind, owner);
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is JsonValue scalar)
                    {
                        Record(inherited, "item", scalar, kind);
                    }
                    else
                    {
                        Ingest(item, kind, inherited);
                    }
                }
                break;
        }
    }

    private void Record(Guid? owner, string name, JsonValue scalar, string kind)
    {
        var text = scalar.GetValueKind() switch
        {
            JsonValueKind.String => scalar.GetValue<string>(),
            JsonValueKind.Number => scalar.ToJsonString(),
            _ => null,
        };
        if (text is null)
        {
            return;
        }

        Add(PropertyValues, name, text);
        var isId = Guid.TryParse(text, out _) && (name.Equals("id", StringComparison.OrdinalIgnoreCase) || name.EndsWith("Id", StringComparison.OrdinalIgnoreCase));
        var found = isId ? new FoundId(text.ToLowerInvariant(), name.Equals("id", StringComparison.OrdinalIgnoreCase) ? kind : name[..^2]) : null;
        if (found is not null)
        {
            AllIds.Add(found);
        }
        if (owner is not { } o)
        {
            return;
        }
        var data = Owners[o];
        Add(data.PropertyValues, name, text);
        if (scalar.GetValueKind() == JsonValueKind.String)
        {
            data.Values.Add(text);
        }
        if (found is not null)
        {
            data.Ids.Add(found);
        }
    }

    private Guid? OwnerOf(JsonObject obj)
    {
        foreach (var (name, value) in obj)
        {
            if (OwnerProperties.Contains(name, StringComparer.OrdinalIgnoreCase) && AsGuid(value) is { } owner && Owners.ContainsKey(owner))
            {
                return owner;
            }
        }
        var id = obj.FirstOrDefault(p => p.Key.Equals("id", StringComparison.OrdinalIgnoreCase)).Value;
        return AsGuid(id) is { } self && Owners.ContainsKey(self) ? self : null;
    }

    private static Guid? AsGuid(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String && Guid.TryParse(v.GetValue<string>(), out var g) ? g : null;

    private static void Add(Dictionary<string, HashSet<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var set))
        {
            map[key] = set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        }
        set.Add(value);
    }

    private static bool LooksLikeDateOrNumber(string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
        || TimeOnly.TryParse(value, CultureInfo.InvariantCulture, out _)
        || double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        || bool.TryParse(value, out _);
}
