using System.Globalization;
using System.Text.Json;

namespace IamOps.Core.KeycloakAudit;

/// <summary>Read access to one realm representation that applies Keycloak's defaults to absent fields.</summary>
/// <remarks>Old exports write some booleans and numbers as strings; both forms are read.</remarks>
public sealed class RealmView
{
    private IReadOnlyList<ClientView>? _clients;
    private IReadOnlyList<ObjectView>? _identityProviders;
    private IReadOnlyList<ClientView>? _audited;
    private bool? _isMaster;
    private string? _name;

    /// <param name="root">The realm object (it has a <c>realm</c> property).</param>
    /// <param name="pathPrefix">The JSON path of <paramref name="root"/> in its document: <c>$</c>, or <c>$[2]</c> in an array of realms.</param>
    public RealmView(JsonElement root, string pathPrefix = "$")
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("A realm representation is a JSON object.", nameof(root));
        }
        Root = root;
        PathPrefix = pathPrefix;
    }

    public JsonElement Root { get; }

    public string PathPrefix { get; }

    /// <summary>The realm's name (its <c>realm</c> field).</summary>
    public string Name => _name ??= Json.Text(Root, "realm") ?? "";

    public bool IsMaster => _isMaster ??= Name == "master";

    /// <summary>The JSON path of a field of the realm, e.g. <c>$.sslRequired</c>.</summary>
    public string Path(string relative) => PathPrefix + (relative.StartsWith('[') ? "" : ".") + relative;

    public JsonElement? Field(string name) => Json.Property(Root, name);

    public bool Bool(string name, bool @default) => Json.Bool(Root, name) ?? LegacyAttribute(name, Json.ParseBool) ?? @default;

    public long Number(string name, long @default) => Json.Number(Root, name) ?? LegacyAttribute(name, Json.ParseNumber) ?? @default;

    public string? Text(string name) => Json.Text(Root, name);

    /// <summary>A realm attribute (<c>attributes.NAME</c>), always a string in Keycloak's representation.</summary>
    public string? Attribute(string name) => Json.Property(Root, "attributes") is { ValueKind: JsonValueKind.Object } attributes ? Json.Text(attributes, name) : null;

    public IReadOnlyList<ClientView> Clients => _clients ??= [.. Json.Items(Root, "clients")
        .Where(c => c.Element.ValueKind == JsonValueKind.Object)
        .Select(c => new ClientView(this, c.Element, c.Index))];

    /// <summary>Enabled clients other than Keycloak's built-ins: the ones client rules audit.</summary>
    public IReadOnlyList<ClientView> AuditedClients => _audited ??= [.. Clients.Where(c => c.Enabled && !c.IsBuiltIn)];

    public IReadOnlyList<ObjectView> IdentityProviders => _identityProviders ??= [.. Json.Items(Root, "identityProviders")
        .Where(i => i.Element.ValueKind == JsonValueKind.Object)
        .Select(i => new ObjectView(i.Element, Path($"identityProviders[?(@.alias=={Json.Quote(Json.Text(i.Element, "alias") ?? i.Index.ToString(CultureInfo.InvariantCulture))})]")))];

    /// <summary>The components of one type (e.g. <c>org.keycloak.keys.KeyProvider</c>), path named by component name.</summary>
    public IEnumerable<ObjectView> Components(string type)
    {
        if (Json.Property(Root, "components") is not { ValueKind: JsonValueKind.Object } components
            || Json.Property(components, type) is not { ValueKind: JsonValueKind.Array } list)
        {
            yield break;
        }
        var index = 0;
        foreach (var component in list.EnumerateArray())
        {
            if (component.ValueKind == JsonValueKind.Object)
            {
                var name = Json.Text(component, "name") ?? Json.Text(component, "providerId");
                var selector = name is null ? index.ToString(CultureInfo.InvariantCulture) : $"?(@.name=={Json.Quote(name)})";
                yield return new ObjectView(component, Path($"components[{Json.Quote(type)}][{selector}]"));
            }
            index++;
        }
    }

    /// <summary>Whether the export holds a <c>components</c> section at all (full exports do, import files often not).</summary>
    public bool HasComponents => Json.Property(Root, "components") is { ValueKind: JsonValueKind.Object };

    public IEnumerable<(JsonElement User, int Index)> Users => Json.Items(Root, "users");

    public IEnumerable<(JsonElement Item, int Index)> Items(string name) => Json.Items(Root, name);

    // Keycloak 3.x exports kept some settings as strings in the attributes map.
    private T? LegacyAttribute<T>(string name, Func<string, T?> parse) where T : struct =>
        Attribute(name) is { } text ? parse(text) : null;
}
