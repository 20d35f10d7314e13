using Microsoft.AspNetCore.Authorization;

namespace IamOps.Server.Modules.Platform;

/// <summary>Role-based policies; RACI letters are checked by the RACI authorization handler on top of these.</summary>
public static class Policies
{
    /// <summary>Any provider staff member.</summary>
    public const string ProviderStaff = "provider-staff";

    /// <summary>Provider administrators (organisations, users, catalogue).</summary>
    public const string ProviderAdmin = "provider-admin";

    /// <summary>Provider managers and administrators.</summary>
    public const string ProviderManager = "provider-manager";

    /// <summary>An administrator of either party (manages own organisation's users and SSO).</summary>
    public const string OrganisationAdmin = "organisation-admin";

    public static AuthorizationBuilder AddIamOpsPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(ProviderStaff, p => p.RequireAuthenticatedUser().RequireClaim(IamOpsClaims.Party, nameof(Party.Provider)))
        .AddPolicy(ProviderAdmin, p => p.RequireAuthenticatedUser()
            .RequireClaim(IamOpsClaims.Party, nameof(Party.Provider)).RequireClaim(IamOpsClaims.Role, Roles.ProviderAdmin))
        .AddPolicy(ProviderManager, p => p.RequireAuthenticatedUser()
            .RequireClaim(IamOpsClaims.Party, nameof(Party.Provider)).RequireClaim(IamOpsClaims.Role, Roles.ProviderManager, Roles.ProviderAdmin))
        .AddPolicy(OrganisationAdmin, p => p.RequireAuthenticatedUser().RequireClaim(IamOpsClaims.Role, Roles.ProviderAdmin));
}
