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

/// <summary>A JSON object of the realm (identity provider, component, user) with its path.</summary>
public class ObjectView(JsonElement element, string path)
{
    public JsonElement Element { get; } = element;

    /// <summary>The JSON path of this object, e.g. <c>$.identityProviders[?(@.alias=='google')]</c>.</summary>
    public string Path { get; } = path;

    public string At(string relative) => Path + "." + relative;

    public JsonElement? Field(string name) => Json.Property(Element, name);

    public bool Bool(string name, bool @default) => Json.Bool(Element, name) ?? @default;

    public string? Text(string name) => Json.Text(Element, name);

    /// <summary>A value of the <c>config</c> map: a string in identity providers, a one-element list in components.</summary>
    public string? Config(string name) =>
        Json.Property(Element, "config") is { ValueKind: JsonValueKind.Object } config && Json.Property(config, name) is { } value
            ? value.ValueKind switch
            {
                JsonValueKind.Array => value.GetArrayLength() > 0 ? Json.Scalar(value[0]) : null,
                _ => Json.Scalar(value),
            }
            : null;

    public JsonElement? ConfigNode(string name) =>
        Json.Property(Element, "config") is { ValueKind: JsonValueKind.Object } config ? Json.Property(config, name) : null;

    /// <summary>An entry of the <c>attributes</c> map (strings in clients).</summary>
    public virtual string? Attribute(string name) =>
        Json.Property(Element, "attributes") is { ValueKind: JsonValueKind.Object } attributes && Json.Property(attributes, name) is { } value
            ? Json.Scalar(value)
            : null;

    public virtual JsonElement? AttributeNode(string name) =>
        Json.Property(Element, "attributes") is { ValueKind: JsonValueKind.Object } attributes ? Json.Property(attributes, name) : null;

    /// <summary>The string items of an array field, with their index.</summary>
    public IEnumerable<(string Value, JsonElement Node, int Index)> Strings(string name) =>
        Json.Items(Element, name).Where(i => i.Element.ValueKind == JsonValueKind.String)
            .Select(i => (i.Element.GetString()!, i.Element, i.Index));
}

/// <summary>A client of the realm, with Keycloak's defaults for absent fields.</summary>
/// <remarks>The fields every client rule reads are taken in one pass over the client's properties: with 10,000 clients and
/// a dozen client rules, repeated property lookups would dominate the audit.</remarks>
public sealed class ClientView : ObjectView
{
    private static readonly HashSet<string> BuiltInIds =
        ["account", "account-console", "admin-cli", "broker", "realm-management", "security-admin-console"];

    private readonly JsonElement? _attributes;

    public ClientView(RealmView realm, JsonElement element, int index)
        : base(element, realm.Path($"clients[{Selector(element, index)}]"))
    {
        ArgumentNullException.ThrowIfNull(realm);
        Index = index;
        // NameEquals compares the UTF-8 name in place: no string per property of 10,000 clients.
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            if (property.NameEquals("clientId"u8))
            {
                ClientId = Json.Scalar(value) ?? "";
            }
            else if (property.NameEquals("enabled"u8))
            {
                Enabled = Flag(value, true);
            }
            else if (property.NameEquals("publicClient"u8))
            {
                IsPublic = Flag(value, false);
            }
            else if (property.NameEquals("bearerOnly"u8))
            {
                IsBearerOnly = Flag(value, false);
            }
            else if (property.NameEquals("protocol"u8))
            {
                Protocol = Json.Scalar(value) ?? Protocol;
            }
            else if (property.NameEquals("standardFlowEnabled"u8))
            {
                StandardFlow = Flag(value, true);
            }
            else if (property.NameEquals("implicitFlowEnabled"u8))
            {
                ImplicitFlow = Flag(value, false);
            }
            else if (property.NameEquals("directAccessGrantsEnabled"u8))
            {
                DirectAccessGrants = Flag(value, false);
            }
            else if (property.NameEquals("serviceAccountsEnabled"u8))
            {
                ServiceAccounts = Flag(value, false);
            }
            else if (property.NameEquals("attributes"u8) && value.ValueKind == JsonValueKind.Object)
            {
                _attributes = value;
            }
        }
        IsBuiltIn = BuiltInIds.Contains(ClientId) || (realm.IsMaster && ClientId.EndsWith("-realm", StringComparison.Ordinal));
    }

    public string ClientId { get; } = "";

    public int Index { get; }

    public bool Enabled { get; } = true;

    public bool IsPublic { get; }

    public bool IsBearerOnly { get; }

    /// <summary><c>openid-connect</c> (the default) or <c>saml</c>.</summary>
    public string Protocol { get; } = "openid-connect";

    public bool IsOpenIdConnect => Protocol == "openid-connect";

    public bool StandardFlow { get; } = true;

    public bool ImplicitFlow { get; }

    public bool DirectAccessGrants { get; }

    public bool ServiceAccounts { get; }

    /// <summary>One of the clients Keycloak creates in every realm (and <c>*-realm</c> clients in master); their defaults are not findings.</summary>
    public bool IsBuiltIn { get; }

    public override string? Attribute(string name) => _attributes is { } a && Json.Property(a, name) is { } value ? Json.Scalar(value) : null;

    public override JsonElement? AttributeNode(string name) => _attributes is { } a ? Json.Property(a, name) : null;

    private static bool Flag(JsonElement value, bool @default) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => Json.ParseBool(value.GetString()!) ?? @default,
        _ => @default,
    };

    private static string Selector(JsonElement client, int index) =>
        Json.Text(client, "clientId") is { } id ? $"?(@.clientId=={Json.Quote(id)})" : index.ToString(CultureInfo.InvariantCulture);
}
