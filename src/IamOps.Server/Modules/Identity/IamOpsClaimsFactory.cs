using System.Security.Claims;
using IamOps.Server.Modules.Organisations;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IamOps.Server.Modules.Identity;

/// <summary>Adds organisation, party and role to every principal IamOps issues (cookie, bearer token).</summary>
internal sealed class IamOpsClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        AddIamOpsClaims(identity, user);
        return identity;
    }

    public static void AddIamOpsClaims(ClaimsIdentity identity, AppUser user)
    {
        identity.AddClaim(new Claim(IamOpsClaims.OrganisationId, user.OrganisationId.ToString()));
        identity.AddClaim(new Claim(IamOpsClaims.Party, user.Party.ToString()));
        identity.AddClaim(new Claim(IamOpsClaims.Role, user.Role));
        identity.AddClaim(new Claim(ClaimTypes.GivenName, user.DisplayName));
        if (user.Email is not null && identity.FindFirst(ClaimTypes.Email) is null)
        {
            identity.AddClaim(new Claim(ClaimTypes.Email, user.Email));
        }
    }
}
