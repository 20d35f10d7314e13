using System.Security.Cryptography;
using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Incidents;

/// <summary>Files attached to an incident (multipart field <c>file</c>), stored in the database with their SHA-256.</summary>
internal static class IncidentAttachments
{
    public static void Map(RouteGroupBuilder group)
    {
        // Bearer-authenticated API calls carry no antiforgery token; the UI does not post here.
        group.MapPost("/{id:guid}/attachments", UploadAsync).WithName("AttachToIncident").DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data");
        group.MapGet("/{id:guid}/attachments/{attachmentId:guid}", DownloadAsync).WithName("DownloadIncidentAttachment");
    }

    internal static async Task<Results<Created<IncidentAttachmentDto>, NotFound, ValidationProblem, ProblemHttpResult, Conflict<ProblemDetails>>> UploadAsync(
        Guid id, HttpRequest http, [AsParameters] IncidentDeps deps, CancellationToken ct)
    {
        var max = deps.Options.Value.MaxAttachmentBytes;
        var incident = await deps.Db.Set<Incident>().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (incident is null)
        {
            return TypedResults.NotFound();
        }
        if (deps.Tenant.Party == Party.Client && deps.Tenant.Role == Roles.ClientViewer)
        {
            return TypedResults.Problem(WorkflowProblems.Forbidden("The viewer role is read-only; ask an admin or contact of your organisation to attach files."));
        }
        if (incident.Status == IncidentStatus.Closed)
        {
            return TypedResults.Conflict(IncidentWorkflow.Conflict(incident, "attach"));
        }
        // The multipart envelope adds a little to the file; anything well over the limit is refused unread.
        if (http.ContentLength > max + 16 * 1024)
        {
            return TooLarge(max);
        }
        if (!http.HasFormContentType)
        {
            return Invalid("Send the file as multipart/form-data in a field named 'file'.");
        }
        var form = await http.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is null)
        {
            return Invalid("Send the file as multipart/form-data in a field named 'file'.");
        }
        if (file.Length == 0)
        {
            return Invalid("The file is empty.");
        }
        if (file.Length > max)
        {
            return TooLarge(max);
        }
        var name = Path.GetFileName(file.FileName);
        if (string.IsNullOrWhiteSpace(name) || name.Length > 255)
        {
            return Invalid("The file needs a name of at most 255 characters.");
        }
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var content = buffer.ToArray();
        var now = deps.Clock.GetUtcNow();
        var actor = deps.Tenant.UserEmail ?? "system";
        var attachment = new IncidentAttachment
        {
            IncidentId = incident.Id,
            ClientOrganisationId = incident.ClientOrganisationId,
            FileName = name,
            ContentType = string.IsNullOrWhiteSpace(file.ContentType) || file.ContentType.Length > 200 ? "application/octet-stream" : file.ContentType,
            Size = content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            Content = content,
            UploadedBy = actor,
            UploadedAt = now,
        };
        deps.Db.Add(attachment);
        incident.UpdatedAt = now;
        incident.Version++;
        IncidentTimeline.Add(deps.Db, incident, IncidentEventKinds.Attachment, actor, deps.Tenant.Party ?? Party.Provider, now,
            $"Attached {attachment.FileName} ({attachment.Size} bytes, SHA-256 {attachment.Sha256}).");
        await deps.Db.SaveChangesAsync(ct);
        return TypedResults.Created($"{IncidentsModule.Location(incident.Id)}/attachments/{attachment.Id}",
            new IncidentAttachmentDto(attachment.Id, attachment.FileName, attachment.ContentType, attachment.Size, attachment.Sha256, actor, now));
    }

    internal static async Task<Results<FileContentHttpResult, NotFound>> DownloadAsync(Guid id, Guid attachmentId, IamOpsDb db, CancellationToken ct)
    {
        var attachment = await db.Set<IncidentAttachment>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId && a.IncidentId == id, ct);
        return attachment is null
            ? TypedResults.NotFound()
            : TypedResults.File(attachment.Content, attachment.ContentType, attachment.FileName);
    }

    private static ProblemHttpResult TooLarge(int max) => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Attachment too large", detail: $"Attachments are limited to {max} bytes; compress the file or attach an extract.");

    private static ValidationProblem Invalid(string detail) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [detail] });
}
