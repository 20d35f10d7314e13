using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Changes;

public sealed record AttachToChangeRequest(
    [property: Required, MinLength(1), MaxLength(200)] string Name,
    AttachmentKind Kind,
    [property: Required, MinLength(1), MaxLength(200_000)] string Content);

/// <summary>Attaches a procedure or automation script; the same name again adds a version. Each version keeps its SHA-256.</summary>
internal static class AttachToChange
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/{id:guid}/attachments", HandleAsync).WithName(nameof(AttachToChange));

    internal static async Task<Results<Created<ChangeAttachmentDto>, NotFound, Conflict<ProblemDetails>, ProblemHttpResult>> HandleAsync(
        Guid id, AttachToChangeRequest request, [AsParameters] ChangeStepDeps deps, CancellationToken ct)
    {
        var change = await ChangeSteps.LoadAsync(deps.Db, id, ct);
        if (change is null)
        {
            return TypedResults.NotFound();
        }
        // The client provides scripts and procedures (client R on that row); the provider writes its own as the change's R.
        var check = deps.Tenant.Party == Party.Client
            ? await deps.Gate.CheckAsync(change.ClientOrganisationId, RaciActivities.ChangeAutomationScripts, RaciDuty.Perform, change.ContractId)
            : await deps.Gate.CheckAsync(change.ClientOrganisationId, RaciActivities.ChangeProcedures, RaciDuty.Perform, change.ContractId);
        if (!check.Allowed)
        {
            return check.ToProblem();
        }
        if (change.Status is ChangeStatus.Closed or ChangeStatus.Rejected)
        {
            return TypedResults.Conflict(ChangeSteps.Conflict(change, "attach", "the change is closed"));
        }
        var name = request.Name.Trim();
        var previous = await deps.Db.Set<ChangeAttachment>().Where(a => a.ChangeRequestId == id && a.Name == name)
            .Select(a => (int?)a.Version).MaxAsync(ct) ?? 0;
        var now = deps.Clock.GetUtcNow();
        var attachment = new ChangeAttachment
        {
            ChangeRequestId = id,
            ClientOrganisationId = change.ClientOrganisationId,
            Name = name,
            Kind = request.Kind,
            Version = previous + 1,
            Content = request.Content,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.Content))),
            Party = deps.Tenant.Party!.Value,
            UploadedBy = ChangeSteps.Who(deps.Tenant),
            UploadedAt = now,
        };
        deps.Db.Add(attachment);
        ChangeSteps.Touch(change, now);
        deps.Audit.ActivityKey = check.ActivityKey;
        await deps.Db.SaveChangesAsync(ct);
        return TypedResults.Created($"{ChangesModule.Location(id)}/attachments/{attachment.Id}",
            new ChangeAttachmentDto(attachment.Id, attachment.Name, ChangeDto.EnumName(request.Kind), attachment.Version, attachment.Sha256,
                attachment.Content.Length, attachment.Party.ToString(), attachment.UploadedBy, now));
    }
}
