using System.Text.Json;

namespace IamOps.Server.Modules.Platform;

/// <summary>Applied to every ProblemDetails the API writes: a trace id, field names as they are spelt in JSON, and an
/// actionable detail for the bare statuses.</summary>
internal static class ProblemDefaults
{
    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status401Unauthorized => "Sign in first: send a bearer token from POST /api/v1/auth/token or a personal API token.",
            StatusCodes.Status403Forbidden => "Your party or role may not perform this operation.",
            // The same words for an unknown id and another organisation's id: a 404 never tells which.
            StatusCodes.Status404NotFound => "No such resource, or it is not visible to you.",
            StatusCodes.Status405MethodNotAllowed => "This route does not accept this HTTP method.",
            _ => null,
        };

        if (problem is HttpValidationProblemDetails validation && validation.Errors.Count > 0)
        {
            var renamed = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var (key, messages) in validation.Errors)
            {
                var name = JsonName(key);
                renamed[name] = renamed.TryGetValue(name, out var existing) ? [.. existing, .. messages] : messages;
            }
            validation.Errors.Clear();
            foreach (var (key, messages) in renamed)
            {
                validation.Errors[key] = messages;
            }
            validation.Detail ??= "Fix the fields named in 'errors' and retry.";
        }
    }

    /// <summary><c>Nodes[0].Host</c> → <c>nodes[0].host</c>: validation reports C# member names, clients send camelCase JSON.</summary>
    internal static string JsonName(string key) => string.Join('.', key.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
