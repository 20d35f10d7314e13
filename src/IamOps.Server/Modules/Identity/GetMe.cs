using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Identity;

public sealed record MeDto(Guid Id, string Email, string DisplayName, Guid OrganisationId, string OrganisationName, Party Party, string Role);

/// <summary>Who am I: the signed-in user, organisation, party and role.</summary>
internal static class GetMe
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/", HandleAsync).WithName(nameof(GetMe));

    internal static async Task<Results<Ok<MeDto>, NotFound>> HandleAsync(TenantContext tenant, IamOpsDb db, CancellationToken ct)
    {
        var me = await db.Users.Where(u => u.Id == tenant.UserId)
            .Join(db.Organisations, u => u.OrganisationId, o => o.Id,
                (u, o) => new MeDto(u.Id, u.Email!, u.DisplayName, o.Id, o.Name, u.Party, u.Role))
            .SingleOrDefaultAsync(ct);
        return me is null ? TypedResults.NotFound() : TypedResults.Ok(me);
    }
}
