using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Changes;

/// <summary>Pages through the changes the caller may see, newest first.</summary>
internal static class ListChanges
{
    public const int MaxPageSize = 200;

    public static void Map(RouteGroupBuilder group) => group.MapGet("/", HandleAsync).WithName(nameof(ListChanges));

    internal static async Task<Results<Ok<Page<ChangeDto>>, ValidationProblem>> HandleAsync(
        IamOpsDb db, TimeProvider clock, string? status, Guid? clientOrganisationId, Guid? clusterId, int? page, int? pageSize, CancellationToken ct)
    {
        var p = page ?? 1;
        var size = pageSize ?? 50;
        if (p < 1 || size is < 1 or > MaxPageSize)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [p < 1 ? "page" : "pageSize"] = [$"page starts at 1; pageSize is between 1 and {MaxPageSize}."],
            });
        }
        if (!EnumQuery.TryParse<ChangeStatus>(status, out var wanted))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["status"] = [$"Unknown status '{status}'; use one of {EnumQuery.Names<ChangeStatus>()}."],
            });
        }
        var query = db.Set<ChangeRequest>().AsNoTracking();
        if (wanted is { } s)
        {
            query = query.Where(c => c.Status == s);
        }
        if (clientOrganisationId is { } client)
        {
            query = query.Where(c => c.ClientOrganisationId == client);
        }
        if (clusterId is { } cluster)
        {
            query = query.Where(c => c.Targets.Any(t => t.ClusterId == cluster));
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Skip((p - 1) * size).Take(size).Include(c => c.Targets).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new Page<ChangeDto>([.. items.Select(c => ChangeDto.From(c, now))], p, size, total));
    }
}

/// <summary>One change with its targets, approvals, consultations and attachments; another client's answers 404.</summary>
internal static class GetChange
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", HandleAsync).WithName(nameof(GetChange));
        group.MapGet("/{id:guid}/attachments/{attachmentId:guid}", GetAttachmentAsync).WithName("GetChangeAttachment");
    }

    internal static async Task<Results<Ok<ChangeDto>, NotFound>> HandleAsync(Guid id, IamOpsDb db, TimeProvider clock, CancellationToken ct)
    {
        var change = await ChangeSteps.LoadAsync(db, id, ct);
        return change is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(ChangeDto.From(change, clock.GetUtcNow(), await ChangeSteps.AttachmentsAsync(db, id, ct)));
    }

    public sealed record AttachmentContentDto(Guid Id, string Name, int Version, string Sha256, string Content);

    internal static async Task<Results<Ok<AttachmentContentDto>, NotFound>> GetAttachmentAsync(Guid id, Guid attachmentId, IamOpsDb db, CancellationToken ct)
    {
        var a = await db.Set<ChangeAttachment>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == attachmentId && x.ChangeRequestId == id, ct);
        return a is null ? TypedResults.NotFound() : TypedResults.Ok(new AttachmentContentDto(a.Id, a.Name, a.Version, a.Sha256, a.Content));
    }
}
