using IamOps.Server.Modules.AuditTrail;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace IamOps.Server.Modules.Raci;

/// <summary>The one RACI check: finds the row of the contract concerned and the caller's letters on it.</summary>
internal sealed class RaciAuthorizationHandler(RaciCatalogue catalogue, TenantContext tenant, AuditScope audit, IHttpContextAccessor accessor)
    : AuthorizationHandler<RaciRequirement>
{
    private static readonly string[] ClientRouteValues = ["clientOrganisationId", "clientId"];

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, RaciRequirement requirement)
    {
        var ct = accessor.HttpContext?.RequestAborted ?? CancellationToken.None;
        var subject = context.Resource as RaciSubject;
        var activity = await ResolveAsync(context.Resource, requirement.ActivityKey, ct);
        var evaluation = RaciEvaluation.Evaluate(activity, requirement.ActivityKey, requirement.Duty, tenant.Party, tenant.Role);
        subject?.Evaluation = evaluation;
        if (evaluation.Allowed)
        {
            audit.ActivityKey = requirement.ActivityKey;
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new RaciFailureReason(this, evaluation));
        }
    }

    private async Task<RaciActivityView?> ResolveAsync(object? resource, string key, CancellationToken ct)
    {
        var (clientId, contractId) = resource switch
        {
            RaciSubject s => (s.ClientOrganisationId, s.ContractId),
            HttpContext http => (ReadGuid(http, ClientRouteValues), ReadGuid(http, ["contractId"])),
            _ => (null, null),
        };
        if (tenant.IsRestricted)
        {
            // A client always acts under its own contract, whatever the request names (the tenancy filter hides others).
            if (tenant.OrganisationId is not { } own)
            {
                return null;
            }
            clientId = own;
        }
        if (contractId is not null)
        {
            return await catalogue.FindAsync(contractId, key, ct);
        }
        return clientId is { } client
            ? await catalogue.FindForClientAsync(client, key, ct)
            : await catalogue.FindAsync(null, key, ct);
    }

    private static Guid? ReadGuid(HttpContext http, string[] names)
    {
        foreach (var name in names)
        {
            var text = http.Request.RouteValues.TryGetValue(name, out var v) ? v?.ToString() : http.Request.Query[name].ToString();
            if (Guid.TryParse(text, out var id))
            {
                return id;
            }
        }
        return null;
    }
}

/// <summary>Checks a RACI duty whose activity comes from the data (an intervention's row), through the same handler.</summary>
public sealed class RaciGate(IAuthorizationService authorization, IHttpContextAccessor accessor)
{
    /// <summary>Decides under the client's current contract, or under <paramref name="contractId"/> when the work belongs to one.</summary>
    public async Task<RaciEvaluation> CheckAsync(Guid clientOrganisationId, string activityKey, RaciDuty duty, Guid? contractId = null)
    {
        var subject = new RaciSubject(clientOrganisationId, contractId);
        var user = accessor.HttpContext?.User ?? new System.Security.Claims.ClaimsPrincipal();
        await authorization.AuthorizeAsync(user, subject, new RaciRequirement(activityKey, duty));
        return subject.Evaluation
            ?? throw new InvalidOperationException("The RACI authorization handler is not registered: call AddRaci().");
    }
}

/// <summary>Answers an API refusal with a 403 ProblemDetails: a RACI refusal cites the row, a role refusal names what is needed.</summary>
// A singleton (as ASP.NET Core resolves it): the request's scoped services come from the HttpContext.
internal sealed class RaciAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.Request.Path.StartsWithSegments("/api"))
        {
            var raci = authorizeResult.AuthorizationFailure?.FailureReasons.OfType<RaciFailureReason>().FirstOrDefault();
            var problem = raci?.Evaluation.ToProblemDetails() ?? new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Forbidden",
                Detail = RoleRefusal(authorizeResult.AuthorizationFailure, context.RequestServices.GetRequiredService<TenantContext>()),
            };
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
            return;
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private static string RoleRefusal(AuthorizationFailure? failure, TenantContext tenant)
    {
        var needs = (failure?.FailedRequirements ?? []).OfType<ClaimsAuthorizationRequirement>()
            .Where(r => r.AllowedValues is { } values && values.Any())
            .Select(r => $"{(r.ClaimType == IamOpsClaims.Party ? "party" : r.ClaimType == IamOpsClaims.Role ? "role" : r.ClaimType)} "
                + string.Join(" or ", r.AllowedValues!))
            .ToList();
        var you = $"you are {(tenant.Party is { } p ? p.ToString() : "of no party")} with role {tenant.Role ?? "none"}";
        return needs.Count == 0
            ? $"Your account may not use this operation ({you})."
            : $"This operation needs {string.Join(" and ", needs)}; {you}.";
    }
}
