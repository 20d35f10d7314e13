using System.Text.Json;
using System.Text.Json.Serialization;

namespace IamOps.Server.Modules.Configuration.Keycloak;

/// <summary>A Keycloak representation; fields this version of IamOps does not model are kept and written back unchanged.</summary>
public abstract class KeycloakRepresentation
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }
}

/// <summary>GET /admin/realms/{realm}: the realm's top-level settings (no clients, users, roles or groups).</summary>
public sealed class RealmRepresentation : KeycloakRepresentation
{
    public string? Id { get; set; }
    public string? Realm { get; set; }
    public string? DisplayName { get; set; }
    public bool? Enabled { get; set; }
    public string? SslRequired { get; set; }
    public bool? BruteForceProtected { get; set; }
    public string? PasswordPolicy { get; set; }
    public string? DefaultSignatureAlgorithm { get; set; }
    public int? AccessTokenLifespan { get; set; }
    public bool? EventsEnabled { get; set; }
    public bool? AdminEventsEnabled { get; set; }
    public Dictionary<string, string>? SmtpServer { get; set; }
}

/// <summary>GET /admin/realms/{realm}/clients[/{id}].</summary>
public sealed class ClientRepresentation : KeycloakRepresentation
{
    public string? Id { get; set; }
    public string? ClientId { get; set; }
    public string? Name { get; set; }
    public bool? Enabled { get; set; }
    public string? Protocol { get; set; }
    public bool? PublicClient { get; set; }
    public bool? BearerOnly { get; set; }
    public string? ClientAuthenticatorType { get; set; }
    public string? Secret { get; set; }
    public List<string>? RedirectUris { get; set; }
    public List<string>? WebOrigins { get; set; }
    public bool? StandardFlowEnabled { get; set; }
    public bool? ImplicitFlowEnabled { get; set; }
    public bool? DirectAccessGrantsEnabled { get; set; }
    public bool? ServiceAccountsEnabled { get; set; }
    public bool? FullScopeAllowed { get; set; }
    public Dictionary<string, string>? Attributes { get; set; }
}

/// <summary>GET /admin/realms/{realm}/clients/{id}/client-secret.</summary>
public sealed class CredentialRepresentation : KeycloakRepresentation
{
    public string? Type { get; set; }
    public string? Value { get; set; }
}

/// <summary>GET /admin/realms/{realm}/client-scopes.</summary>
public sealed class ClientScopeRepresentation : KeycloakRepresentation
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Protocol { get; set; }
    public Dictionary<string, string>? Attributes { get; set; }
}

/// <summary>GET /admin/realms/{realm}/identity-provider/instances.</summary>
public sealed class IdentityProviderRepresentation : KeycloakRepresentation
{
    public string? Alias { get; set; }
    public string? ProviderId { get; set; }
    public bool? Enabled { get; set; }
    public bool? TrustEmail { get; set; }
    public Dictionary<string, string>? Config { get; set; }
}

/// <summary>GET /admin/realms/{realm}/authentication/flows.</summary>
public sealed class AuthenticationFlowRepresentation : KeycloakRepresentation
{
    public string? Id { get; set; }
    public string? Alias { get; set; }
    public string? ProviderId { get; set; }
    public bool? TopLevel { get; set; }
    public bool? BuiltIn { get; set; }
}

/// <summary>GET /admin/realms/{realm}/authentication/required-actions.</summary>
public sealed class RequiredActionProviderRepresentation : KeycloakRepresentation
{
    public string? Alias { get; set; }
    public string? Name { get; set; }
    public string? ProviderId { get; set; }
    public bool? Enabled { get; set; }
    public bool? DefaultAction { get; set; }
    public int? Priority { get; set; }
}

/// <summary>GET /admin/realms/{realm}/components (key providers, user storage, policies...).</summary>
public sealed class ComponentRepresentation : KeycloakRepresentation
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? ProviderId { get; set; }
    public string? ProviderType { get; set; }
    public string? ParentId { get; set; }
    public string? SubType { get; set; }
    public Dictionary<string, List<string>>? Config { get; set; }
}

/// <summary>GET /admin/realms/{realm}/keys.</summary>
public sealed class KeysMetadataRepresentation : KeycloakRepresentation
{
    public Dictionary<string, string>? Active { get; set; }
    public List<KeyMetadataRepresentation>? Keys { get; set; }
}

public sealed class KeyMetadataRepresentation : KeycloakRepresentation
{
    public string? ProviderId { get; set; }
    public long? ProviderPriority { get; set; }
    public string? Kid { get; set; }
    public string? Status { get; set; }
    public string? Type { get; set; }
    public string? Algorithm { get; set; }
    public string? Use { get; set; }
    public string? PublicKey { get; set; }
    public string? Certificate { get; set; }
    public long? ValidTo { get; set; }
}

/// <summary>GET /admin/realms/{realm}/events/config.</summary>
public sealed class RealmEventsConfigRepresentation : KeycloakRepresentation
{
    public bool? EventsEnabled { get; set; }
    public long? EventsExpiration { get; set; }
    public List<string>? EventsListeners { get; set; }
    public List<string>? EnabledEventTypes { get; set; }
    public bool? AdminEventsEnabled { get; set; }
    public bool? AdminEventsDetailsEnabled { get; set; }
}

/// <summary>GET /admin/realms/{realm}/roles.</summary>
public sealed class RoleRepresentation : KeycloakRepresentation
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public bool? Composite { get; set; }
    public bool? ClientRole { get; set; }
    public string? ContainerId { get; set; }
}

/// <summary>GET /admin/realms/{realm}/groups (a tree).</summary>
public sealed class GroupRepresentation : KeycloakRepresentation
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Path { get; set; }
    public List<GroupRepresentation>? SubGroups { get; set; }
}

/// <summary>GET /admin/serverinfo.</summary>
public sealed class ServerInfoRepresentation : KeycloakRepresentation
{
    public SystemInfoRepresentation? SystemInfo { get; set; }
    public ProfileInfoRepresentation? ProfileInfo { get; set; }
    public Dictionary<string, SpiInfoRepresentation>? Providers { get; set; }
}

public sealed class SystemInfoRepresentation : KeycloakRepresentation
{
    public string? Version { get; set; }
    public string? JavaVersion { get; set; }
    public string? OsName { get; set; }
    public string? OsVersion { get; set; }
    public string? OsArchitecture { get; set; }
    public string? Uptime { get; set; }
}

public sealed class ProfileInfoRepresentation : KeycloakRepresentation
{
    public string? Name { get; set; }
    public List<string>? DisabledFeatures { get; set; }
    public List<string>? PreviewFeatures { get; set; }
    public List<string>? ExperimentalFeatures { get; set; }
}

public sealed class SpiInfoRepresentation : KeycloakRepresentation
{
    public bool? Internal { get; set; }
    public Dictionary<string, JsonElement>? Providers { get; set; }
}

/// <summary>The token endpoint's answer.</summary>
internal sealed class TokenResponse : KeycloakRepresentation
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    [JsonPropertyName("expires_in")]
    public int? ExpiresIn { get; set; }
}

/// <summary>Keycloak's error bodies: {"error"}, {"errorMessage"} (conflicts) or OAuth {"error","error_description"}.</summary>
internal sealed class KeycloakErrorBody : KeycloakRepresentation
{
    public string? Error { get; set; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; set; }

    public string? ErrorMessage { get; set; }
}
