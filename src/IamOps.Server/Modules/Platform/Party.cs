namespace IamOps.Server.Modules.Platform;

/// <summary>The two parties of a contract: the provider (CLOUD-IAM) and the client ([CLIENT]/[CUSTOMER]).</summary>
public enum Party
{
    Provider,
    Client,
}

/// <summary>Role names; provider roles and client roles are distinct sets.</summary>
public static class Roles
{
    public const string ProviderOperator = "operator";
    public const string ProviderManager = "manager";
    public const string ProviderAdmin = "admin";
    public const string ClientAdmin = "admin";
    public const string ClientContact = "contact";
    public const string ClientViewer = "viewer";

    public static readonly IReadOnlyList<string> ProviderRoles = [ProviderOperator, ProviderManager, ProviderAdmin];
    public static readonly IReadOnlyList<string> ClientRoles = [ClientAdmin, ClientContact, ClientViewer];

    public static bool IsValid(Party party, string role) => party switch
    {
        Party.Provider => ProviderRoles.Contains(role),
        Party.Client => ClientRoles.Contains(role),
    };
}

/// <summary>Claim types IamOps puts in every principal.</summary>
public static class IamOpsClaims
{
    public const string OrganisationId = "iamops:org";
    public const string Party = "iamops:party";
    public const string Role = "iamops:role";
}
