using System.ComponentModel.DataAnnotations;
using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IamOps.Server.Modules.Contracts;

/// <summary>A day the contract's business calendar is closed besides weekends and French public holidays.</summary>
public sealed class ContractClosureDay : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ContractId { get; set; }

    public Guid ClientOrganisationId { get; set; }

    public DateOnly Date { get; set; }

    public required string Reason { get; set; }
}

internal sealed class ContractClosureDayConfiguration : IEntityTypeConfiguration<ContractClosureDay>
{
    public void Configure(EntityTypeBuilder<ContractClosureDay> b)
    {
        b.Property(d => d.Reason).HasMaxLength(200);
        b.HasIndex(d => new { d.ContractId, d.Date }).IsUnique();
        b.HasOne<Contract>().WithMany().HasForeignKey(d => d.ContractId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed record ClosureDayDto(Guid Id, Guid ContractId, Guid ClientOrganisationId, DateOnly Date, string Reason);

public sealed record AddClosureDayRequest(DateOnly Date, [property: Required, MinLength(1), MaxLength(200)] string Reason);

/// <summary>Custom closure days of a contract's calendar: read by both parties, kept by provider managers.</summary>
internal static class ContractClosureDays
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/closure-days", ListAsync).WithName("ListContractClosureDays");
        group.MapPost("/{id:guid}/closure-days", AddAsync).WithName("AddContractClosureDay").RequireAuthorization(Policies.ProviderManager);
        group.MapDelete("/{id:guid}/closure-days/{dayId:guid}", RemoveAsync).WithName("RemoveContractClosureDay").RequireAuthorization(Policies.ProviderManager);
    }

    private static async Task<Results<Ok<List<ClosureDayDto>>, NotFound>> ListAsync(Guid id, IamOpsDb db, CancellationToken ct)
    {
        if (!await db.Set<Contract>().AnyAsync(c => c.Id == id, ct))
        {
            return TypedResults.NotFound();
        }
        var days = await db.Set<ContractClosureDay>().AsNoTracking().Where(d => d.ContractId == id).OrderBy(d => d.Date).ToListAsync(ct);
        return TypedResults.Ok(days.Select(From).ToList());
    }

    private static async Task<Results<Created<ClosureDayDto>, NotFound, Conflict<ProblemDetails>>> AddAsync(
        Guid id, AddClosureDayRequest request, IamOpsDb db, CancellationToken ct)
    {
        var contract = await db.Set<Contract>().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (contract is null)
        {
            return TypedResults.NotFound();
        }
        if (await db.Set<ContractClosureDay>().AnyAsync(d => d.ContractId == id && d.Date == request.Date, ct))
        {
            return TypedResults.Conflict(new ProblemDetails
            {
                Status = 409, Title = "Already closed", Detail = $"{request.Date:yyyy-MM-dd} is already a closure day of this contract; remove it first to change its reason.",
            });
        }
        var day = new ContractClosureDay { ContractId = id, ClientOrganisationId = contract.ClientOrganisationId, Date = request.Date, Reason = request.Reason.Trim() };
        db.Add(day);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/contracts/{id}/closure-days", From(day));
    }

    private static async Task<Results<NoContent, NotFound>> RemoveAsync(Guid id, Guid dayId, IamOpsDb db, CancellationToken ct)
    {
        var day = await db.Set<ContractClosureDay>().SingleOrDefaultAsync(d => d.ContractId == id && d.Id == dayId, ct);
        if (day is null)
        {
            return TypedResults.NotFound();
        }
        db.Remove(day);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static ClosureDayDto From(ContractClosureDay d) => new(d.Id, d.ContractId, d.ClientOrganisationId, d.Date, d.Reason);
}
