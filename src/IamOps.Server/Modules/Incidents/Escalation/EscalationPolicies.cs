using System.ComponentModel.DataAnnotations;
using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Incidents.Escalation;

public sealed record EscalationStepInput([property: Range(0, 10080)] int DelayMinutes, EscalationTarget Target, [property: MaxLength(32)] string? Role, Guid? RotationId);

public sealed record SaveEscalationPolicyRequest(
    [property: Required, MinLength(1), MaxLength(100)] string Name,
    [property: Required, MinLength(1), MaxLength(4)] List<IncidentSeverity> Severities,
    [property: Required, MinLength(1), MaxLength(20)] List<EscalationStepInput> Steps);

public sealed record EscalationPolicyDto(Guid Id, string Name, IReadOnlyList<string> Severities, IReadOnlyList<EscalationStepInput> Steps)
{
    public static EscalationPolicyDto From(EscalationPolicy p) => new(p.Id, p.Name, p.Severities.Split(','),
        p.Steps.Select(s => new EscalationStepInput(s.DelayMinutes, s.Target, s.Role, s.RotationId)).ToList());
}

/// <summary>Escalation policies: read by provider staff, kept by provider managers.</summary>
internal static class EscalationPolicies
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/", ListAsync).WithName("ListEscalationPolicies").RequireAuthorization(Policies.ProviderStaff);
        group.MapPost("/", CreateAsync).WithName("CreateEscalationPolicy").RequireAuthorization(Policies.ProviderManager);
        group.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateEscalationPolicy").RequireAuthorization(Policies.ProviderManager);
    }

    internal static async Task<Ok<List<EscalationPolicyDto>>> ListAsync(IamOpsDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<EscalationPolicy>().AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct)).Select(EscalationPolicyDto.From).ToList());

    internal static async Task<Results<Created<EscalationPolicyDto>, ValidationProblem>> CreateAsync(SaveEscalationPolicyRequest request, IamOpsDb db, CancellationToken ct)
    {
        if (await ValidateAsync(request, db, null, ct) is { } problem)
        {
            return problem;
        }
        var policy = new EscalationPolicy { Name = request.Name.Trim(), Severities = "" };
        Apply(policy, request);
        db.Add(policy);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/escalation-policies/{policy.Id}", EscalationPolicyDto.From(policy));
    }

    internal static async Task<Results<Ok<EscalationPolicyDto>, NotFound, ValidationProblem>> UpdateAsync(Guid id, SaveEscalationPolicyRequest request, IamOpsDb db, CancellationToken ct)
    {
        var policy = await db.Set<EscalationPolicy>().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (policy is null)
        {
            return TypedResults.NotFound();
        }
        if (await ValidateAsync(request, db, id, ct) is { } problem)
        {
            return problem;
        }
        Apply(policy, request);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(EscalationPolicyDto.From(policy));
    }

    private static async Task<ValidationProblem?> ValidateAsync(SaveEscalationPolicyRequest request, IamOpsDb db, Guid? id, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name.Trim();
        if (await db.Set<EscalationPolicy>().AnyAsync(p => p.Name == name && p.Id != id, ct))
        {
            errors["name"] = [$"A policy named '{name}' already exists."];
        }
        for (var i = 1; i < request.Steps.Count; i++)
        {
            if (request.Steps[i].DelayMinutes < request.Steps[i - 1].DelayMinutes)
            {
                errors[$"steps[{i}].delayMinutes"] = ["Steps fire in order: each delay is at least the previous step's."];
            }
        }
        for (var i = 0; i < request.Steps.Count; i++)
        {
            var step = request.Steps[i];
            if (step.Target == EscalationTarget.Role && (step.Role is null || !Roles.ProviderRoles.Contains(step.Role)))
            {
                errors[$"steps[{i}].role"] = [$"A role step names a provider role: {string.Join(", ", Roles.ProviderRoles)}."];
            }
            if (step.RotationId is { } rotation && !await db.Set<Escalation.OnCallRotation>().AnyAsync(r => r.Id == rotation, ct))
            {
                errors[$"steps[{i}].rotationId"] = [$"On-call rotation {rotation} does not exist."];
            }
        }
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null;
    }

    private static void Apply(EscalationPolicy policy, SaveEscalationPolicyRequest request)
    {
        policy.Name = request.Name.Trim();
        policy.Severities = string.Join(',', request.Severities.Distinct().Order());
        policy.Steps = request.Steps.Select(s => new EscalationStep
        {
            DelayMinutes = s.DelayMinutes, Target = s.Target, Role = s.Target == EscalationTarget.Role ? s.Role : null, RotationId = s.RotationId,
        }).ToList();
    }
}
