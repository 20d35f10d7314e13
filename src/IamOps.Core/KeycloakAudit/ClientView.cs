using System.Globalization;
using System.Text.Json;

namespace IamOps.Core.KeycloakAudit;

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
