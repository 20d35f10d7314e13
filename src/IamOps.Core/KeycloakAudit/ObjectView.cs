using System.Text.Json;

namespace IamOps.Core.KeycloakAudit;

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
