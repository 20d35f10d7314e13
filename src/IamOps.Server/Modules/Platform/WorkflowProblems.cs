using Microsoft.AspNetCore.Mvc;

namespace IamOps.Server.Modules.Platform;

/// <summary>ProblemDetails shared by workflows: a transition the state does not allow (409), a role that may not act (403).</summary>
public static class WorkflowProblems
{
    public static ProblemDetails TransitionNotAllowed(string what, string state, string attempted, IReadOnlyList<string> allowed, string? why = null)
    {
        var next = allowed.Count == 0 ? "nothing" : string.Join(", ", allowed);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Not allowed in the current state",
            Detail = $"{what} is '{state}', so '{attempted}' is not allowed{(why is null ? "" : $" ({why})")}. Allowed now: {next}.",
        };
        problem.Extensions["state"] = state;
        problem.Extensions["attempted"] = attempted;
        problem.Extensions["allowed"] = allowed;
        return problem;
    }

    /// <summary>403 for a role or party that may not do this, with the reason.</summary>
    public static ProblemDetails Forbidden(string detail) => new()
    {
        Status = StatusCodes.Status403Forbidden,
        Title = "Forbidden",
        Detail = detail,
    };
}
