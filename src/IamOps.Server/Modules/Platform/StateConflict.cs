using Microsoft.AspNetCore.Mvc;

namespace IamOps.Server.Modules.Platform;

/// <summary>The 409 answer to a transition the current state does not allow, listing the ones it does.</summary>
public static class StateConflict
{
    public static ProblemDetails Problem(string what, string state, string attempted, IReadOnlyList<string> allowed, string? why = null)
    {
        var next = allowed.Count == 0 ? "none: it is closed" : string.Join(", ", allowed);
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
