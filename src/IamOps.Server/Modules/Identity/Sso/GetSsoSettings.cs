using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Identity.Sso;

/// <summary><c>GET /api/v1/organisations/{id}/sso</c>: the organisation's single sign-on settings, without the secret.</summary>
internal static class GetSsoSettings
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/", HandleAsync).WithName(nameof(GetSsoSettings))
            .WithSummary("Single sign-on settings of an organisation (administrators of it, or provider administrators).");

    private static async Task<Results<Ok<SsoSettingsDto>, NotFound, ForbidHttpResult>> HandleAsync(
        Guid id, IamOpsDb db, TenantContext tenant, HttpRequest request, CancellationToken ct)
    {
        var org = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
        if (org is null)
        {
            return TypedResults.NotFound();
        }
        if (!SsoAccess.MayManage(tenant, org.Id))
        {
            return TypedResults.Forbid();
        }
        return TypedResults.Ok(SsoSettingsDto.From(org, request));
    }
}

/// <summary>Who manages an organisation's single sign-on.</summary>
internal static class SsoAccess
{
    /// <summary>An administrator of the organisation itself, or a provider administrator.</summary>
    public static bool MayManage(TenantContext tenant, Guid organisationId) =>
        tenant.IsProvider
            ? tenant.Role == Roles.ProviderAdmin
            : tenant.Role == Roles.ClientAdmin && tenant.OrganisationId == organisationId;
}
